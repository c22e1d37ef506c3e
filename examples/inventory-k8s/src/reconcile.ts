import { writeFileSync } from 'node:fs';
import { loadStock } from './stock';

async function main() {
  const levels = await loadStock();
  writeFileSync('/var/reports/reconcile.json', JSON.stringify(levels));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
