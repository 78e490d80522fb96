import { Link } from 'react-router';
import { ListPage, Organisation } from '../api/types';
import { useApi } from '../api/use-api';
import { Await, usePageReady } from '../components/Await';
import { words } from '../components/Figures';
import { useView } from '../view/view-state';

export function OrganisationsPage() {
  const view = useView();
  const organisations = useApi<ListPage<Organisation>>('/organisations?offset=0&limit=500');
  usePageReady(organisations);
  return (
    <>
      <h1>Organisations</h1>
      <Await loaded={organisations} what="the organisations">
        {(page) => (
          <table className="nhsuk-table" data-table="organisations">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Organisations</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Organisation
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Type
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {page.items.map((o) => (
                <tr className="nhsuk-table__row" key={o.organisationId}>
                  <td className="nhsuk-table__cell">
                    <Link to={view.link(`/app/organisations/${encodeURIComponent(o.organisationId)}`)}>{o.name}</Link>
                  </td>
                  <td className="nhsuk-table__cell">{words(o.type)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Await>
    </>
  );
}
