import { Decider, DomainError, DomainErrorKind, fold } from '../src';

/** What a refusal must be: its kind and rule, and the field when the test names one. */
export interface ExpectedRefusal {
  kind: DomainErrorKind;
  rule: string;
  field?: string;
}

export interface Then<Event> {
  /** The command is accepted and decides exactly these events. */
  then(expected: Event[]): void;
  /** The command is refused with a DomainError of this kind and rule (and field, when given). */
  thenFails(expected: ExpectedRefusal): void;
}

export interface When<Command, Event, State> {
  /** The state the given events fold into. */
  readonly state: State;
  when(command: Command): Then<Event>;
}

/**
 * given(decider, events).when(command).then(events) | .thenFails({ kind, rule, field? }).
 * The given events are folded through the decider's own evolve, from its initial state.
 */
export function given<Command, Event, State>(
  decider: Decider<Command, Event, State>,
  events: readonly Event[] = [],
): When<Command, Event, State> {
  const state = fold(decider, events);
  return {
    state,
    when(command) {
      const decide = (): { events: Event[] } | { error: unknown } => {
        try {
          return { events: decider.decide(command, state) };
        } catch (error) {
          return { error };
        }
      };
      return {
        then(expected) {
          const outcome = decide();
          if ('error' in outcome) {
            const e = outcome.error;
            const refusal = e instanceof DomainError ? `${e.kind} '${e.rule}': ${e.message}` : String(e);
            throw new Error(`expected the command to be accepted, but it was refused: ${refusal}`);
          }
          expect(outcome.events).toEqual(expected);
          // the decided events must fold too
          expect(() => fold(decider, [...events, ...outcome.events])).not.toThrow();
        },
        thenFails(expected) {
          const outcome = decide();
          if (!('error' in outcome)) {
            throw new Error(
              `expected the command to be refused with '${expected.rule}', but it decided ${JSON.stringify(outcome.events)}`,
            );
          }
          expect(outcome.error).toBeInstanceOf(DomainError);
          const e = outcome.error as DomainError;
          const actual: ExpectedRefusal = { kind: e.kind, rule: e.rule };
          if ('field' in expected) actual.field = e.field;
          expect(actual).toEqual(expected);
        },
      };
    },
  };
}
