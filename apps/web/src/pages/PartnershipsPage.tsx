import { Link } from 'react-router';
import { ListPage, PartnershipSummary } from '../api/types';
import { useApi } from '../api/use-api';
import { Await, usePageReady } from '../components/Await';
import { useView } from '../view/view-state';

export function PartnershipsPage() {
  const view = useView();
  const partnerships = useApi<ListPage<PartnershipSummary>>('/partnerships?offset=0&limit=500');
  usePageReady(partnerships);
  return (
    <>
      <h1>Partnerships</h1>
      <p>Improvement partnerships your organisation belongs to or belonged to (auditors and admins see every one).</p>
      <Await
        loaded={partnerships}
        what="the partnerships"
        whoMayRead="A partnership is read by its members, past and present, auditors and admins."
      >
        {(page) =>
          page.items.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul className="nhsuk-list nhsuk-list--bullet" data-list="partnerships">
              {page.items.map((p) => (
                <li key={p.partnershipId}>
                  <Link to={view.link(`/app/partnerships/${encodeURIComponent(p.partnershipId)}`)}>{p.name}</Link>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </>
  );
}
