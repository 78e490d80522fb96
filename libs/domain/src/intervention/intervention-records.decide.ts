import { conflict, ruleViolated } from '../shared/domain-error';
import { compareCalendarDates, requireCalendarDate } from '../shared/calendar-date';
import { InterventionCommand } from './intervention.commands';
import { InterventionEvent } from './intervention.events';
import { requireOpen } from './intervention-guards';
import { InterventionState } from './intervention.state';
import { Decision, InterventionStatus } from './intervention-vocabulary';

/** The commands that record the intervention itself: its registration, decisions, costs and measurements. */
export type InterventionRecordCommand = Extract<
  InterventionCommand,
  { type: 'RegisterIntervention' | 'RecordDecision' | 'RecordCost' | 'RecordMeasurement' }
>;

/** Which decisions may follow which status: the intervention's life cycle. */
const DECISION_ALLOWED_FROM: Record<Decision, readonly InterventionStatus[]> = {
  approve: ['registered'],
  start: ['approved', 'paused'],
  scale: ['active'],
  spread: ['active'],
  pause: ['active'],
  stop: ['registered', 'approved', 'active', 'paused'],
  close: ['registered', 'approved', 'active', 'paused', 'stopped'],
};

export function decideInterventionRecord(
  command: InterventionRecordCommand,
  state: InterventionState,
): InterventionEvent[] {
  switch (command.type) {
    case 'RegisterIntervention': {
      if (state.registered)
        throw conflict(
          'intervention-exists',
          `intervention '${command.interventionId}' is already registered`,
          'interventionId',
        );
      const { type: _type, ...data } = command;
      return [{ type: 'InterventionRegistered', data }];
    }
    case 'RecordDecision': {
      requireOpen(state);
      const allowed = DECISION_ALLOWED_FROM[command.decision];
      // a registered intervention always has a status; 'registered' is the one registration sets
      if (!allowed.includes(state.status ?? 'registered')) {
        throw ruleViolated(
          'decision-not-allowed',
          `'${command.decision}' cannot follow status '${state.status}' (allowed from: ${allowed.join(', ')})`,
          'decision',
        );
      }
      return [
        {
          type: 'InterventionDecisionRecorded',
          data: { decision: command.decision, rationale: command.rationale, decidedOn: command.decidedOn },
        },
      ];
    }
    case 'RecordCost': {
      requireOpen(state);
      if (state.costIds.has(command.costId))
        throw conflict('cost-exists', `cost '${command.costId}' is already recorded`, 'costId');
      const { type: _type, ...data } = command;
      return [{ type: 'CostRecorded', data }];
    }
    case 'RecordMeasurement': {
      requireOpen(state);
      if (state.measurementIds.has(command.measurementId)) {
        throw conflict(
          'measurement-exists',
          `measurement '${command.measurementId}' is already recorded`,
          'measurementId',
        );
      }
      const periodStart = requireCalendarDate(command.periodStart, 'periodStart');
      const periodEnd = requireCalendarDate(command.periodEnd, 'periodEnd');
      // as days: text order is date order only for one written form
      if (compareCalendarDates(periodEnd, periodStart) < 0) {
        throw ruleViolated(
          'period-reversed',
          `periodEnd ${periodEnd} must not be before periodStart ${periodStart}`,
          'periodEnd',
        );
      }
      const { type: _type, periodStart: _start, periodEnd: _end, ...rest } = command;
      return [{ type: 'MeasurementRecorded', data: { ...rest, period: { start: periodStart, end: periodEnd } } }];
    }
  }
}
