export async function loadStock(): Promise<[string, number][]> {
  const res = await fetch(process.env.STOCK_URL ?? 'http://stock.internal/levels');
  return (await res.json()) as [string, number][];
}
