import Database from 'better-sqlite3';
import { Cutoff, cutoffParams, within } from './query-basis';
import { required } from '../required';

/** The organisations and partnerships registered by the cutoff, for GET /organisations and GET /partnerships, by name. */

export interface PageWindow {
  offset: number;
  limit: number;
}

export interface OrganisationListParams extends PageWindow {
  cutoff: Cutoff;
  type: string | null;
  system: string | null;
  /** A case-insensitive part of the name or the id. */
  text: string | null;
}

export interface OrganisationListRow {
  organisation_id: string;
  name: string;
  type: string;
  system: string | null;
  recorded_at: string;
}

const TEXT_MATCH = (alias: string, column: string, id: string) =>
  `(instr(lower(${alias}.${column}), lower(@text)) > 0 OR instr(lower(${alias}.${id}), lower(@text)) > 0)`;

export function organisationPage(
  db: Database.Database,
  query: OrganisationListParams,
): { total: number; rows: OrganisationListRow[] } {
  const where = [within('o')];
  if (query.type) where.push('o.type = @type');
  if (query.system) where.push('o.system = @system');
  if (query.text) where.push(TEXT_MATCH('o', 'name', 'organisation_id'));
  const from = `FROM organisations o WHERE ${where.join(' AND ')}`;
  const params = { ...cutoffParams(query.cutoff), type: query.type, system: query.system, text: query.text };
  return {
    total: db.prepare(`SELECT COUNT(*) ${from}`).pluck().get(params) as number,
    rows: db
      .prepare(
        `SELECT o.organisation_id, o.name, o.type, o.system, o.recorded_at ${from}
      ORDER BY lower(o.name), o.name, o.organisation_id LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: query.limit, offset: query.offset }) as OrganisationListRow[],
  };
}

export interface PartnershipListParams extends PageWindow {
  cutoff: Cutoff;
  /**
   * Only partnerships this organisation is or was ever a member of (the reader's access: members present or past read
   * a partnership), whatever the cutoff; null: every partnership (auditors and admins).
   */
  readableBy: string | null;
  /** Only partnerships this organisation was a member of (present or past) by the cutoff. */
  memberId: string | null;
  text: string | null;
}

export interface PartnershipListRow {
  partnership_id: string;
  name: string;
  recorded_at: string;
}
export interface PartnershipMembership {
  organisationId: string;
  role: string;
}
export interface PartnershipMembers {
  members: PartnershipMembership[];
  formerMembers: string[];
}

export function partnershipPage(
  db: Database.Database,
  query: PartnershipListParams,
): { total: number; rows: PartnershipListRow[]; members: Map<string, PartnershipMembers> } {
  const where = [within('p')];
  if (query.readableBy)
    where.push(
      'p.partnership_id IN (SELECT m.partnership_id FROM partnership_members m WHERE m.organisation_id = @readableBy)',
    );
  if (query.memberId)
    where.push(
      `p.partnership_id IN (SELECT m.partnership_id FROM partnership_members m WHERE m.organisation_id = @memberId AND ${within('m')})`,
    );
  if (query.text) where.push(TEXT_MATCH('p', 'name', 'partnership_id'));
  const from = `FROM partnerships p WHERE ${where.join(' AND ')}`;
  const params = {
    ...cutoffParams(query.cutoff),
    readableBy: query.readableBy,
    memberId: query.memberId,
    text: query.text,
  };
  const total = db.prepare(`SELECT COUNT(*) ${from}`).pluck().get(params) as number;
  const rows = db
    .prepare(
      `SELECT p.partnership_id, p.name, p.recorded_at ${from} ORDER BY lower(p.name), p.name, p.partnership_id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: query.limit, offset: query.offset }) as PartnershipListRow[];
  return {
    total,
    rows,
    members: membersAt(
      db,
      query.cutoff,
      rows.map((r) => r.partnership_id),
    ),
  };
}

/**
 * Each partnership's members at the cutoff (the role they last joined with) and former members (left since), in id
 * order: the joins and departures in log order, the last change per organisation wins. One statement for the page.
 */
function membersAt(db: Database.Database, cutoff: Cutoff, ids: readonly string[]): Map<string, PartnershipMembers> {
  const changes = db
    .prepare(
      `SELECT m.partnership_id, m.organisation_id, m.role, m.change FROM json_each(@ids) j
      CROSS JOIN partnership_members m INDEXED BY partnership_members_partnership_id ON m.partnership_id = j.value
     WHERE ${within('m')} ORDER BY m.position, m.ordinal`,
    )
    .all({ ...cutoffParams(cutoff), ids: JSON.stringify(ids) }) as {
    partnership_id: string;
    organisation_id: string;
    role: string | null;
    change: string;
  }[];
  const latest = new Map<string, Map<string, { role: string | null; change: string }>>(
    ids.map((id) => [id, new Map()]),
  );
  for (const change of changes)
    required(latest, change.partnership_id, 'partnership').set(change.organisation_id, {
      role: change.role,
      change: change.change,
    });
  return new Map(
    [...latest].map(([id, byOrganisation]) => {
      // by organisation id, in code-unit order as a plain sort() of the ids
      const organisations = [...byOrganisation].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return [
        id,
        {
          members: organisations
            .filter(([, last]) => last.change === 'joined')
            .map(([o, last]) => ({ organisationId: o, role: last.role ?? '' })),
          formerMembers: organisations.filter(([, last]) => last.change !== 'joined').map(([o]) => o),
        },
      ];
    }),
  );
}
