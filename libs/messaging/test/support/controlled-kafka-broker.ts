import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The script that runs a throwaway Kafka for the tests (see docs/kafka-in-ci.md). */
export const KAFKA_BROKER_SCRIPT = resolve(__dirname, '../../../../test/kafka-broker/kafka-broker.sh');

/**
 * A real Kafka broker that a suite may SIGKILL and start again on the same storage and port. It is a broker of
 * the suite's own, started through test/kafka-broker/kafka-broker.sh (or the command in KAFKA_BROKER_CONTROL,
 * which must take the same `start|kill|restart|stop` and print the bootstrap address on start and restart),
 * with its own state file: killing it cannot disturb the suites that share the KAFKA_BROKERS broker in other
 * Jest workers at the same time. Any failure to control it throws, naming the command and its output: a suite
 * that was asked to run (KAFKA_BROKERS is set) fails loudly rather than skipping.
 */
export class ControlledKafkaBroker {
  private readonly stopOnExit = () => this.stopNow();

  private constructor(
    private readonly command: string,
    private readonly stateDir: string,
    readonly bootstrap: string,
  ) {
    // A run cut short (a timeout, Ctrl-C) skips afterAll: the broker is still stopped when the worker exits.
    process.once('exit', this.stopOnExit);
  }

  static async start(): Promise<ControlledKafkaBroker> {
    const command = process.env.KAFKA_BROKER_CONTROL || KAFKA_BROKER_SCRIPT;
    const stateDir = mkdtempSync(join(tmpdir(), 'controlled-kafka-'));
    try {
      // The first start may download Kafka from Maven Central.
      const bootstrap = await control(command, stateDir, 'start', 300_000);
      return new ControlledKafkaBroker(command, stateDir, bootstrap);
    } catch (error) {
      rmSync(stateDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** SIGKILL: no clean shutdown, nothing flushed by the broker; the storage stays for `restart`. */
  async kill(): Promise<void> {
    await control(this.command, this.stateDir, 'kill', 30_000);
  }

  /** Starts the broker again on the same storage and port; resolves once it answers. */
  async restart(): Promise<void> {
    const bootstrap = await control(this.command, this.stateDir, 'restart', 120_000);
    if (bootstrap !== this.bootstrap) throw new Error(`the broker came back at ${bootstrap}, not at ${this.bootstrap}`);
  }

  async stop(): Promise<void> {
    process.off('exit', this.stopOnExit);
    try {
      await control(this.command, this.stateDir, 'stop', 60_000);
    } finally {
      rmSync(this.stateDir, { recursive: true, force: true });
    }
  }

  private stopNow(): void {
    try {
      execFileSync(this.command, ['stop'], { stdio: 'ignore', timeout: 30_000, env: stateEnv(this.stateDir) });
    } catch {
      /* the process is exiting: nothing more to do */
    }
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}

/** The environment that points the control command at this broker's state (not the checkout's own broker). */
const stateEnv = (stateDir: string) => ({ ...process.env, KAFKA_BROKER_STATE: join(stateDir, 'broker-dir') });

/** Runs `command action` against the broker of this state directory; answers the last line it printed. */
async function control(command: string, stateDir: string, action: string, timeout: number): Promise<string> {
  try {
    const { stdout } = await run(command, [action], { timeout, env: stateEnv(stateDir) });
    return stdout.trim().split('\n').pop() ?? '';
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(
      `cannot control a Kafka broker: \`${command} ${action}\` failed (${message.split('\n')[0]})\n${stderr ?? ''}` +
        '\nThe crash suite needs Java 17+ and Maven for test/kafka-broker/kafka-broker.sh, or KAFKA_BROKER_CONTROL naming a command ' +
        'that takes start|kill|restart|stop (docs/kafka-in-ci.md).',
      { cause: error },
    );
  }
}
