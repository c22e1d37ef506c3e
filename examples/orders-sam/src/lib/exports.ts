const WAREHOUSE = process.env.WAREHOUSE_URL ?? 'https://warehouse.internal';

export async function startExport(exportId: string): Promise<string> {
  const res = await fetch(`${WAREHOUSE}/exports`, { method: 'POST', body: JSON.stringify({ exportId }) });
  return ((await res.json()) as { runId: string }).runId;
}

export async function exportStatus(runId: string): Promise<{ done: boolean; csv?: string }> {
  const res = await fetch(`${WAREHOUSE}/exports/${runId}`);
  return (await res.json()) as { done: boolean; csv?: string };
}
