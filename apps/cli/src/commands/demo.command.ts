import { Command } from 'commander';
import { loadConfig, mintToken, resolveJwtSecret } from '@benefit-ledger/application';
import { DEMO_SYSTEM } from '../demo/demo-organisations';
import { runDemo } from '../demo/run-demo';

export function demoCommand(print: (line: string) => void): Command {
  return new Command('demo')
    .description('fill a fresh DATA_DIR with a realistic scenario (eight organisations, a unit-cost catalogue, three interventions, a partnership) through the command handlers')
    .action(async () => {
      const config = loadConfig();
      const { events } = await runDemo(config);
      const { secret } = resolveJwtSecret(config);
      const auditor = await mintToken(secret, { sub: 'demo.auditor', role: 'auditor', organisationId: DEMO_SYSTEM }, { maxLifetimeHours: config.tokenMaxLifetimeHours });
      const base = `http://localhost:${config.port}`;
      print(`demo: ${events} events recorded in ${config.dataDir}`);
      print('');
      print('start the API on the same DATA_DIR (npm start), then, with this auditor token:');
      print(`  export TOKEN=${auditor}`);
      print(`  curl -H "Authorization: Bearer $TOKEN" ${base}/interventions/frailty-discharge-to-assess/value`);
      print(`  curl -H "Authorization: Bearer $TOKEN" ${base}/interventions/structured-medication-review`);
      print(`  curl -H "Authorization: Bearer $TOKEN" ${base}/interventions/theatre-scheduling/value`);
      print(`  curl -H "Authorization: Bearer $TOKEN" '${base}/system/flows?financialYear=2019/20'`);
      print(`  curl -H "Authorization: Bearer $TOKEN" '${base}/organisations/millbrook-medical-practice/value?financialYear=2019/20'`);
      print(`  curl -H "Authorization: Bearer $TOKEN" '${base}/capacity?organisationId=riverside-teaching-hospitals'`);
      print(`  curl -H "Authorization: Bearer $TOKEN" '${base}/unit-costs/excess-bed-day?financialYear=2019/20'`);
      print(`  curl -H "Authorization: Bearer $TOKEN" ${base}/audit/verify`);
      print('  then pass any figure\'s "ref" to /trace?figure=<ref> to see the events behind it');
      print(`  open ${base}/docs for every command and query`);
      print('finance: record a waste-reduction report for the acute trust and reconcile it (README, "Finance: reconciliation")');
    });
}
