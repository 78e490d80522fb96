import { OrganisationType } from '@benefit-ledger/domain';

export interface Org {
  organisationId: string;
  name: string;
  type: OrganisationType;
  system: string | null;
}

export interface System {
  icb: Org;
  acute: Org[];
  community: Org[];
  mentalHealth: Org[];
  ambulance: Org[];
  gp: Org[];
  localAuthority: Org[];
  other: Org[];
}

const SYSTEM_PLACES = [
  {
    slug: 'west-riding',
    place: 'West Riding',
    towns: [
      'Riverside',
      'Northgate',
      'Calder',
      'Millbrook',
      'Ashworth',
      'Kirkby',
      'Hollins',
      'Dene',
      'Brackley',
      'Thornfield',
      'Oakmoor',
      'Wharfe',
    ],
  },
  {
    slug: 'humber-coast',
    place: 'Humber and Coast',
    towns: [
      'Seacroft',
      'Hessle',
      'Marston',
      'Eastholme',
      'Saltby',
      'Wold',
      'Fenwick',
      'Brigg',
      'Carrow',
      'Ouseby',
      'Patrington',
      'Skelby',
    ],
  },
  {
    slug: 'pennine-lakes',
    place: 'Pennine Lakes',
    towns: [
      'Kendlow',
      'Grasby',
      'Fellside',
      'Appleby',
      'Sedber',
      'Ullswick',
      'Coniston',
      'Langdale',
      'Shapley',
      'Eden',
      'Keswold',
      'Burnmoor',
    ],
  },
  {
    slug: 'severn-vale',
    place: 'Severn Vale',
    towns: [
      'Tewby',
      'Ledmore',
      'Malvern',
      'Stroudley',
      'Avonbury',
      'Bredon',
      'Cotswick',
      'Dursley',
      'Frome',
      'Hereton',
      'Kington',
      'Wyre',
    ],
  },
];

/** 200 organisations: per system 1 ICB, 4 acute, 2 community, 2 mental-health, 1 ambulance, 30 GP practices, 4 councils, 1 hospice; plus partners. */
export function organisations(): {
  organisations: Org[];
  systems: System[];
  industry: Org[];
  improvement: Org[];
  charities: Org[];
} {
  const all: Org[] = [];
  const org = (organisationId: string, name: string, type: OrganisationType, system: string | null): Org => {
    const organisation = { organisationId, name, type, system };
    all.push(organisation);
    return organisation;
  };
  const systems = SYSTEM_PLACES.map(({ slug, place, towns }) => {
    const icbId = `${slug}-icb`;
    const icb = org(icbId, `${place} Integrated Care Board`, 'icb', icbId);
    const town = (k: number) => towns[k % towns.length];
    const many = (count: number, make: (k: number) => Org) => Array.from({ length: count }, (_, k) => make(k));
    return {
      icb,
      acute: many(4, (index) =>
        org(
          `${slug}-acute-${index + 1}`,
          `${town(index)} ${index === 0 ? 'Teaching ' : ''}Hospitals NHS Trust`,
          'acute-trust',
          icbId,
        ),
      ),
      community: many(2, (index) =>
        org(
          `${slug}-community-${index + 1}`,
          `${town(index + 4)} Community Health NHS Trust`,
          'community-trust',
          icbId,
        ),
      ),
      mentalHealth: many(2, (index) =>
        org(
          `${slug}-mental-health-${index + 1}`,
          `${town(index + 6)} Mental Health NHS Foundation Trust`,
          'mental-health-trust',
          icbId,
        ),
      ),
      ambulance: many(1, () =>
        org(`${slug}-ambulance`, `${place} Ambulance Service NHS Trust`, 'ambulance-trust', icbId),
      ),
      gp: many(30, (index) =>
        org(
          `${slug}-gp-${String(index + 1).padStart(2, '0')}`,
          `${town(index)} ${['Medical Practice', 'Surgery', 'Health Centre'][index % 3]} ${Math.floor(index / towns.length) + 1}`,
          'gp-practice',
          icbId,
        ),
      ),
      localAuthority: many(4, (index) =>
        org(
          `${slug}-council-${index + 1}`,
          `${town(index + 8)} ${index === 0 ? 'City' : 'District'} Council`,
          'local-authority',
          icbId,
        ),
      ),
      other: many(1, () => org(`${slug}-hospice`, `${place} Hospice`, 'other', icbId)),
    };
  });
  const industry = Array.from({ length: 10 }, (_, index) =>
    org(
      `industry-${index + 1}`,
      `${['Flowline', 'Medisched', 'CareGrid', 'Wardview', 'Theatrix', 'Rosterly', 'Pharmalink', 'Vitalware', 'Bedwise', 'Clinicore'][index]} Ltd`,
      'industry-partner',
      null,
    ),
  );
  const improvement = Array.from({ length: 6 }, (_, index) =>
    org(
      `improvement-${index + 1}`,
      `${['Lean Care', 'Quality Improvement', 'Flow Coaching', 'Better Pathways', 'Safer Care', 'Co-design'][index]} Institute`,
      'improvement-partner',
      null,
    ),
  );
  const charities = Array.from({ length: 4 }, (_, index) =>
    org(
      `charity-${index + 1}`,
      `${['Carers Together', 'Age Well', 'Mind the Gap', 'Healthy Homes'][index]} Trust`,
      'other',
      null,
    ),
  );
  return { organisations: all, systems, industry, improvement, charities };
}
