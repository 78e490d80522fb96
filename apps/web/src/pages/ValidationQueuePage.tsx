import { SubmitEvent, useState } from 'react';
import { Link } from 'react-router';
import { apiPost, ApiError, query } from '../api/client';
import { newIdempotencyKey } from '../api/idempotency-key';
import { BenefitItem, Figure, ListAnswer } from '../api/types';
import { useApi } from '../api/use-api';
import { benefitLine, useInterventionLines } from '../api/use-lines';
import { Await, usePageReady } from '../components/Await';
import { LineFigure, When, words } from '../components/Figures';
import { OrgLink } from '../components/OrgName';
import { Problem } from '../components/Problem';
import { formatPence, parsePounds } from '../money';
import { useView } from '../view/view-state';
import { Pagination } from './PortfolioPage';

const PAGE_SIZE = 25;

/**
 * One claim's decision: validate (an amount up to the claim, and a note) or reject (a reason). Each form keeps one
 * Idempotency-Key until the ledger has answered, so sending again after a lost answer records the decision once.
 */
function Decide({
  claim,
  claimed,
  onDone,
}: {
  claim: BenefitItem;
  claimed: Figure | null;
  onDone: (message: string) => void;
}) {
  const id = `${claim.interventionId}--${claim.benefitId}`;
  const [amount, setAmount] = useState(formatPence(claim.valuePence).replace('£', ''));
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [checkedIn, setCheckedIn] = useState('');
  const [reference, setReference] = useState('');
  const [keys, setKeys] = useState(() => ({ validate: newIdempotencyKey(), reject: newIdempotencyKey() }));
  const [problem, setProblem] = useState<Error | null>(null);
  const [sending, setSending] = useState(false);
  const base = `/interventions/${encodeURIComponent(claim.interventionId)}/benefits/${encodeURIComponent(claim.benefitId)}`;

  const send = async (kind: 'validate' | 'reject', body: object, done: string) => {
    setSending(true);
    setProblem(null);
    try {
      await apiPost(`${base}/${kind === 'validate' ? 'validation' : 'rejection'}`, body, keys[kind]);
      setKeys({ validate: newIdempotencyKey(), reject: newIdempotencyKey() });
      onDone(done);
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setSending(false);
    }
  };
  const validate = (event: SubmitEvent) => {
    event.preventDefault();
    const pence = parsePounds(amount);
    const refuse = (message: string) => {
      setProblem(new ApiError(400, message, undefined, []));
    };
    if (pence === null) {
      refuse('Enter the validated amount in pounds, for example 1,234.56');
      return;
    }
    if (!note.trim()) {
      refuse('Enter a note saying how the amount was checked');
      return;
    }
    if (!checkedIn.trim() || !reference.trim()) {
      refuse('Name the system the amount was checked against and its reference');
      return;
    }
    const source = { system: checkedIn.trim(), reference: reference.trim() };
    void send(
      'validate',
      { validatedValuePence: pence, note: note.trim(), source },
      `Validated ${formatPence(pence)} of ${claim.benefitId} (${claim.interventionId}).`,
    );
  };
  const reject = (event: SubmitEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblem(new ApiError(400, 'Enter the reason for rejecting the claim', undefined, []));
      return;
    }
    void send('reject', { reason: reason.trim() }, `Rejected ${claim.benefitId} (${claim.interventionId}).`);
  };

  return (
    <div className="nhsuk-card" data-claim={`${claim.interventionId}/${claim.benefitId}`}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-m">{claim.description}</h2>
        <p>
          <Link to={`/app/interventions/${encodeURIComponent(claim.interventionId)}`}>{claim.interventionTitle}</Link>:{' '}
          {words(claim.benefitType)} ({claim.lens}, {claim.recurrence}), {claim.financialYear}, lands at{' '}
          <OrgLink id={claim.landingOrganisationId} />. Claimed{' '}
          <strong>
            <LineFigure figure={claimed} pence={claim.valuePence} />
          </strong>
          {claim.revised ? ' (as revised)' : ''} by {claim.claim.by.userId}, <When instant={claim.claim.recordedAt} />.
        </p>
        {problem && <Problem error={problem} />}
        <div className="nhsuk-grid-row">
          <form className="nhsuk-grid-column-one-half" onSubmit={validate} noValidate>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Validate</legend>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor={`${id}-amount`}>
                  Validated amount, £
                </label>
                <div className="nhsuk-hint" id={`${id}-amount-hint`}>
                  No more than the claim
                </div>
                <input
                  className="nhsuk-input nhsuk-input--width-10"
                  id={`${id}-amount`}
                  inputMode="decimal"
                  aria-describedby={`${id}-amount-hint`}
                  value={amount}
                  onChange={(e) => setAmount(e.target.value)}
                />
              </div>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor={`${id}-note`}>
                  Note
                </label>
                <textarea
                  className="nhsuk-textarea"
                  id={`${id}-note`}
                  rows={2}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              </div>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor={`${id}-system`}>
                  Checked against (system)
                </label>
                <div className="nhsuk-hint" id={`${id}-system-hint`}>
                  For example: ledger, PAS, e-rostering
                </div>
                <input
                  className="nhsuk-input nhsuk-input--width-20"
                  id={`${id}-system`}
                  aria-describedby={`${id}-system-hint`}
                  value={checkedIn}
                  onChange={(e) => setCheckedIn(e.target.value)}
                />
              </div>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor={`${id}-reference`}>
                  Reference in that system
                </label>
                <input
                  className="nhsuk-input nhsuk-input--width-20"
                  id={`${id}-reference`}
                  value={reference}
                  onChange={(e) => setReference(e.target.value)}
                />
              </div>
              <button className="nhsuk-button" type="submit" disabled={sending}>
                Validate
              </button>
            </fieldset>
          </form>
          <form className="nhsuk-grid-column-one-half" onSubmit={reject} noValidate>
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Reject</legend>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label" htmlFor={`${id}-reason`}>
                  Reason
                </label>
                <textarea
                  className="nhsuk-textarea"
                  id={`${id}-reason`}
                  rows={2}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
              <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={sending}>
                Reject
              </button>
            </fieldset>
          </form>
        </div>
      </div>
    </div>
  );
}

export function ValidationQueuePage() {
  const view = useView();
  const offset = Number(view.search.get('offset') ?? 0) || 0;
  const queue = useApi<ListAnswer<BenefitItem>>(`/benefits${query({ status: 'claimed', offset, limit: PAGE_SIZE })}`);
  // each claim's amount is traced through its intervention's lines
  const lines = useInterventionLines(
    queue.state === 'loaded' ? queue.data.items.map((c) => c.interventionId) : null,
    null,
  );
  usePageReady(queue, queue.state === 'loaded' ? lines : { state: 'loaded', data: null });
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <h1>Validation queue</h1>
      <p>
        Claims awaiting finance: those led by your organisation or landing at it. Validating or rejecting here is
        recorded in the ledger under your name.
      </p>
      {done && (
        <div
          className="nhsuk-notification-banner nhsuk-notification-banner--success"
          role="alert"
          aria-labelledby="decision-title"
          data-decision-done
        >
          <div className="nhsuk-notification-banner__header">
            <h2 className="nhsuk-notification-banner__title" id="decision-title">
              Recorded
            </h2>
          </div>
          <div className="nhsuk-notification-banner__content">
            <p className="nhsuk-notification-banner__heading">{done}</p>
          </div>
        </div>
      )}
      <Await
        loaded={queue}
        what="the claims awaiting validation"
        whoMayRead="The validation queue is finance's: claims led by or landing at the finance team's organisation."
      >
        {(page) =>
          page.items.length === 0 ? (
            <p data-queue-empty>No claims are awaiting validation.</p>
          ) : (
            <>
              <p>
                {page.total} claim{page.total === 1 ? '' : 's'} awaiting validation.
              </p>
              {page.items.map((claim) => (
                <Decide
                  key={`${claim.interventionId}/${claim.benefitId}`}
                  claim={claim}
                  claimed={benefitLine(lines, claim.interventionId, claim.benefitId, 'claimedPence')}
                  onDone={(message) => {
                    setDone(message);
                    queue.reload();
                  }}
                />
              ))}
              <Pagination
                total={page.total}
                offset={page.offset}
                limit={PAGE_SIZE}
                onPage={(next) => view.change({ offset: next ? String(next) : null })}
              />
            </>
          )
        }
      </Await>
    </>
  );
}
