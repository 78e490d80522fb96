import { AsyncLocalStorage } from 'node:async_hooks';
import { ServerResponse } from 'node:http';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Observable } from 'rxjs';
import { EVENT_STORE, EventStore } from '@benefit-ledger/event-store';
import { LedgerMetrics } from './ledger-metrics';

/** The command a request sent through the bus, if any: set by the bus, read when the answer is sent. */
interface SentCommand {
  type?: string;
}
const sentByRequest = new AsyncLocalStorage<SentCommand>();

/**
 * Counts each command a request sends by its type and the status it was answered with: the bus knows the type, only
 * the answer knows the status (a refusal becomes its status in the error filter), so the request carries the type
 * from one to the other.
 */
@Injectable()
export class CommandMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: LedgerMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const sent: SentCommand = {};
    const response = context.switchToHttp().getResponse<ServerResponse>();
    response.once('close', () => {
      if (!sent.type) return;
      const status = response.statusCode;
      this.metrics.commands.inc({
        type: sent.type,
        outcome: status < 400 ? 'accepted' : 'refused',
        status: String(status),
      });
    });
    // the handler (and so the bus) runs inside `sent`'s context: Nest binds next.handle() to where it is called
    return new Observable((subscriber) => sentByRequest.run(sent, () => next.handle().subscribe(subscriber)));
  }
}

/** A command's type: the domain command's (`RecordDecision`) or, for a command of its own class, the class's (`ClosePeriod`). */
export function commandType(command: object): string {
  const domainType = (command as { command?: { type?: unknown } }).command?.type;
  return typeof domainType === 'string' ? domainType : command.constructor.name.replace(/Command(Message)?$/, '');
}

/**
 * Measures below the HTTP layer without the core knowing: the command bus notes each command's type for the request
 * that sent it, every append to the event store is timed, and each group commit's size is counted. Both are wrapped on
 * this application's instances.
 */
@Injectable()
export class Instrumentation implements OnModuleInit {
  constructor(
    private readonly metrics: LedgerMetrics,
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    const execute = this.commandBus.execute.bind(this.commandBus);
    this.commandBus.execute = (command: object) => {
      const sent = sentByRequest.getStore();
      if (sent) sent.type = commandType(command);
      return execute(command as never);
    };

    // SQLite tells each group it commits; EventStoreDB commits each append on its own (one gRPC call each)
    const groupsTold = typeof this.store.onAppended === 'function';
    this.store.onAppended?.((appends) => this.metrics.groupCommitSize.observe(appends.length));
    const append = this.store.append.bind(this.store);
    this.store.append = async (...args: Parameters<EventStore['append']>) => {
      const stop = this.metrics.appendDuration.startTimer();
      try {
        const result = await append(...args);
        if (!groupsTold) this.metrics.groupCommitSize.observe(1);
        return result;
      } finally {
        stop();
      }
    };
  }
}
