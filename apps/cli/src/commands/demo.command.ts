import { Command } from 'commander';
import { loadConfig, mintToken, resolveJwtSecret } from '@benefit-ledger/application';
import { DEMO_SYSTEM } from '../demo/demo-organisations';
import { runDemo } from '../demo/run-demo';
import { asTheWriter } from '../writer-lock';
import { DEMO_USERS, signInLink } from './sign-in-link';

export function demoCommand(print: (line: string) => void): Command {
  return new Command('demo')
    .description(
      'fill a fresh DATA_DIR with a realistic scenario (eight organisations, a unit-cost catalogue, three interventions, a partnership) through the command handlers',
    )
    .action(async () => {
      const config = loadConfig();
      const { events, summary } = await asTheWriter(config, 'demo', () => runDemo(config));
      const { secret } = resolveJwtSecret(config);
      const policy = { maxLifetimeHours: config.tokenMaxLifetimeHours };
      const auditor = await mintToken(
        secret,
        { sub: 'demo.auditor', role: 'auditor', organisationId: DEMO_SYSTEM },
        policy,
      );
      const base = `http://localhost:${config.port}`;
      print(`demo: ${events} events recorded in ${config.dataDir}`);
      print('');
      for (const line of summary) print(line);
      print('');
      print('start the API on the same DATA_DIR (npm start), then open the web app signed in as one of these users');
      print('(each link carries its token after #, which a browser never sends to the server):');
      const label = (user: (typeof DEMO_USERS)[number]) => `${user.role} (${user.organisationId})`;
      const width = Math.max(...DEMO_USERS.map((user) => label(user).length));
      for (const user of DEMO_USERS) {
        const token = await mintToken(
          secret,
          { sub: `demo.${user.role}`, role: user.role, organisationId: user.organisationId },
          policy,
        );
        print(`  ${label(user).padEnd(width)}  ${signInLink(config.port, token)}`);
      }
      print('');
      print('or, from a terminal, with this auditor token:');
      print(`  export TOKEN=${auditor}`);
      print(`  curl -H "Authorization: Bearer $TOKEN" '${base}/interventions?sort=roi'`);
      print(`  curl -H "Authorization: Bearer $TOKEN" ${base}/interventions/frailty-discharge-to-assess/value`);
      print(`  curl -H "Authorization: Bearer $TOKEN" ${base}/interventions/structured-medication-review`);
      print(`  curl -H "Authorization: Bearer $TOKEN" ${base}/interventions/theatre-scheduling/value`);
      print(`  curl -H "Authorization: Bearer $TOKEN" '${base}/system/flows?financialYear=2019/20'`);
      print(
        `  curl -H "Authorization: Bearer $TOKEN" '${base}/organisations/millbrook-medical-practice/value?financialYear=2019/20'`,
      );
      print(`  curl -H "Authorization: Bearer $TOKEN" '${base}/capacity?organisationId=riverside-teaching-hospitals'`);
      print(`  curl -H "Authorization: Bearer $TOKEN" '${base}/unit-costs/excess-bed-day?financialYear=2019/20'`);
      print(`  curl -H "Authorization: Bearer $TOKEN" ${base}/audit/verify`);
      print('  then pass any figure\'s "ref" to /trace?figure=<ref> to see the events behind it');
      print(`  open ${base}/docs for every command and query`);
      print('finance: record a waste-reduction report for the acute trust and reconcile it (docs/finance.md)');
    });
}
