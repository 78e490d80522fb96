import { SubmitEvent, useState } from 'react';
import { apiDownload, query } from '../api/client';
import { currentSession } from '../auth/session';
import { usePageReady } from '../components/Await';
import { Problem } from '../components/Problem';
import { useView } from '../view/view-state';
import { ChainStatus, useVerification } from './TracePage';

/** The log's verification, and an organisation's audit pack for a year (a .tar.gz to verify offline). */
export function AuditPage() {
  const view = useView();
  const session = currentSession();
  const chain = useVerification();
  usePageReady(chain.settled);
  const [organisationId, setOrganisationId] = useState(session?.organisationId ?? '');
  const [problem, setProblem] = useState<Error | null>(null);
  const [downloading, setDownloading] = useState(false);

  const download = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!view.financialYear) return;
    setProblem(null);
    setDownloading(true);
    try {
      await apiDownload(
        `/audit/pack${query({ organisationId: organisationId.trim(), financialYear: view.financialYear })}`,
        'audit-pack.tar.gz',
      );
    } catch (error) {
      setProblem(error as Error);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <h1>Audit</h1>
      <h2>The log</h2>
      <ChainStatus allowed={chain.allowed} verify={chain.verify} />
      <h2>Audit pack</h2>
      <p>
        Every figure of an organisation's reports for a year with its trace, every event behind them as the exact bytes
        its hash covers, the year's seals and a README on verifying it offline (<code>npm run cli -- verify-pack</code>
        ). Auditors take any organisation's pack; everyone else their own organisation's.
      </p>
      {problem && <Problem error={problem} />}
      {view.financialYear ? (
        <form className="app-inline-form" onSubmit={(event) => void download(event)} noValidate>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="pack-organisation">
              Organisation id
            </label>
            <input
              className="nhsuk-input nhsuk-input--width-20"
              id="pack-organisation"
              value={organisationId}
              onChange={(e) => setOrganisationId(e.target.value)}
            />
          </div>
          <div className="nhsuk-form-group">
            <button className="nhsuk-button nhsuk-u-margin-bottom-0" type="submit" disabled={downloading}>
              Download the {view.financialYear} audit pack
            </button>
          </div>
        </form>
      ) : (
        <p data-needs="financial-year">A pack is for one financial year: choose one above.</p>
      )}
    </>
  );
}
