import 'reflect-metadata';
import { buildProgram } from './program';

buildProgram(
  (line) => process.stdout.write(`${line}\n`),
  (code) => (process.exitCode = code),
  (line) => process.stderr.write(`${line}\n`),
)
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
