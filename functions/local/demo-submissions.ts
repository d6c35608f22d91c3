/**
 * Demo applications and plans in different states, created through the services (so history, revisions
 * and every rule are real), so that every role's first screen shows work:
 * - applications: Kirchheim in review, Weilheim approved, Wendlingen a draft, Plochingen (jointly with
 *   Notzingen, which confirmed its share before the submit) returned for revision with a comment;
 * - plans: Kirchheim's managers have a draft, one in review with the coordinator and an agreed one;
 *   Plochingen's manager continues an agreed plan whose review is overdue. The persons of Kirchheim's
 *   plans speak Ukrainian (the draft), Dari (in review) and Arabic (agreed), so that each plan can be
 *   shown and printed in the person's language (the agreed one with an Arabic translation of its family
 *   situation beside the German text); Plochingen's speaks Tigrinya, for which no texts exist yet.
 * - key-figure reports: Plochingen's coordinator has confirmed last year's figures; Kirchheim's has not yet.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TransitionCommand } from '#api/schemas/submissions';
import { reportYearOn } from '#core/key-figure-report';
import type { JsonObject, Submission, UserProfile } from '#core/model';
import { berlinDate } from '#core/retention';
import { type Adapters, jointService, keyFigureReportService, submissionService } from '#lib/services';
import { etag } from '#services/submission-service';
import { actorOf } from './demo-users.ts';
import { attachSignedApplication } from './signed-application.ts';

type Ctx = Adapters;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sample = (form: string, name: string): JsonObject =>
  JSON.parse(readFileSync(join(root, 'forms', form, 'samples', `${name}.json`), 'utf8'));

export interface Town {
  name: string;
  street: string;
  postalCode: string;
  phone: string;
  domain: string;
}

export function application(
  town: Town,
  positions: Array<{ personName: string; fte: number; startDate: string; months?: number }>,
  extra: JsonObject = {},
): JsonObject {
  const base = sample('funding-application', 'valid-minimal');
  const months = positions[0]?.months ?? 24;
  const end = (start: string) => {
    const d = new Date(`${start}T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + months);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  };
  const first = positions[0]!.startDate;
  return {
    ...base,
    applicant: {
      kind: 'municipality',
      name: town.name,
      address: { street: town.street, houseNumber: '1', postalCode: town.postalCode, city: town.name },
      contact: { name: 'Integrationsbeauftragte', phone: town.phone, email: `integration@${town.domain}` },
      bankAccount: { accountHolder: `Stadtkasse ${town.name}`, iban: 'DE89370400440532013000' },
      signatory: { name: 'Bürgermeisterin / Bürgermeister', function: 'Bürgermeister/in' },
    },
    positions: positions.map((p) => ({
      personName: p.personName,
      qualification: 'secondary',
      fte: p.fte,
      employer: `Stadt ${town.name}`,
      startDate: p.startDate,
      months: p.months ?? 24,
    })),
    fundingPeriod: { start: first, end: end(first) },
    ...extra,
  };
}

/** Who a demo plan is about: the language it is discussed in (a code), and in whose words it was given. */
interface Speaker {
  language: string;
  /** The free text of the consents, as managers wrote it before the code existed. */
  informedIn: string;
  interpreter: boolean;
  countryOfOrigin: string;
  languages: string[];
}

const SPEAKERS = {
  ukrainian: {
    language: 'uk',
    informedIn: 'Ukrainisch',
    interpreter: false,
    countryOfOrigin: 'Ukraine',
    languages: ['Ukrainisch', 'Russisch'],
  },
  dari: {
    language: 'fa',
    informedIn: 'Dari',
    interpreter: true,
    countryOfOrigin: 'Afghanistan',
    languages: ['Dari'],
  },
  arabic: {
    language: 'ar',
    informedIn: 'Arabisch',
    interpreter: true,
    countryOfOrigin: 'Syrien',
    languages: ['Arabisch', 'Kurdisch'],
  },
  tigrinya: {
    language: 'ti',
    informedIn: 'Tigrinya',
    interpreter: true,
    countryOfOrigin: 'Eritrea',
    languages: ['Tigrinya'],
  },
} satisfies Record<string, Speaker>;

function plan(
  caseId: string,
  manager: string,
  counsellingStart: string,
  nextReviewDate: string,
  variant: 'valid-full' | 'valid-several-goals' | 'valid-minimal',
  speaker?: Speaker,
): JsonObject {
  const data = sample('integration-plan', variant);
  const header = (data.header ?? {}) as JsonObject;
  const withHeader = {
    ...data,
    header: { ...header, caseId, managerName: manager, counsellingStart, nextReviewDate },
  };
  if (!speaker) return withHeader;
  const consent = (data.consent ?? {}) as JsonObject;
  const informed = (record: unknown) =>
    record && (record as JsonObject).given
      ? { ...(record as JsonObject), language: speaker.informedIn, interpreter: speaker.interpreter }
      : record;
  return {
    ...withHeader,
    consent: {
      ...consent,
      storage: informed(consent.storage),
      ...(consent.health ? { health: informed(consent.health) } : {}),
      ...(Array.isArray(consent.sharing) ? { sharing: consent.sharing.map(informed) } : {}),
    },
    person: {
      ...((data.person ?? {}) as JsonObject),
      countryOfOrigin: speaker.countryOfOrigin,
      languages: speaker.languages,
      language: speaker.language,
      interpreter: speaker.interpreter,
    },
  };
}

export async function seedSubmissions(ctx: Ctx, users: UserProfile[]): Promise<void> {
  const service = submissionService(ctx);
  const user = (username: string) => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`demo user ${username} missing`);
    return actorOf(u);
  };
  const act = async (
    sub: Submission,
    username: string,
    action: TransitionCommand['action'],
    extra: Omit<TransitionCommand, 'action'> = {},
  ) => service.transition(user(username), sub.id, etag(sub.version), { action, ...extra });
  // A funding application is submitted with its signed application attached, as the form requires.
  const submitFunding = async (sub: Submission, username: string) => {
    await attachSignedApplication(ctx, user(username), sub);
    return act(sub, username, 'submit');
  };

  // Funding applications ("Förderanträge").
  const kirchheim = await service.create(user('kirchheim.kommune'), {
    formId: 'funding-application',
    data: application(
      {
        name: 'Kirchheim unter Teck',
        street: 'Marktstraße',
        postalCode: '73230',
        phone: '07021 502-0',
        domain: 'kirchheim.example',
      },
      [
        { personName: 'Miriam Schneider', fte: 1, startDate: '2017-11-01' },
        { personName: 'Yusuf Aydın', fte: 0.75, startDate: '2018-01-01' },
      ],
    ),
  });
  await submitFunding(kirchheim, 'kirchheim.kommune');

  const weilheim = await service.create(user('weilheim.kommune'), {
    formId: 'funding-application',
    data: application(
      {
        name: 'Weilheim an der Teck',
        street: 'Marktplatz',
        postalCode: '73235',
        phone: '07023 106-0',
        domain: 'weilheim.example',
      },
      [{ personName: 'Sara Muster', fte: 0.5, startDate: '2017-11-01' }],
    ),
  });
  const weilheimInReview = await submitFunding(weilheim, 'weilheim.kommune');
  await act(weilheimInReview, 'rp.pruefer1', 'approve');

  await service.create(user('wendlingen.kommune'), {
    formId: 'funding-application',
    data: {
      round: '2017-2018',
      applicant: { kind: 'municipality', name: 'Wendlingen am Neckar' },
      positions: [
        {
          personName: 'Jana Beispiel',
          qualification: 'secondary',
          fte: 0.5,
          employer: 'Stadt Wendlingen am Neckar',
          startDate: '2018-02-01',
          months: 24,
        },
      ],
    },
  });

  const plochingen = await service.create(user('plochingen.kommune'), {
    formId: 'funding-application',
    data: application(
      {
        name: 'Plochingen',
        street: 'Schulstraße',
        postalCode: '73207',
        phone: '07153 7005-0',
        domain: 'plochingen.example',
      },
      [{ personName: 'Lena Hofmann', fte: 0.5, startDate: '2018-01-01' }],
      {
        joint: { isJoint: true, members: [{ organisationId: 'notzingen', name: 'Notzingen', share: 6420 }] },
        provision: { mode: 'own_staff' },
      },
    ),
  });
  // The member confirms its share before the lead submits.
  const confirmed = await jointService(ctx).confirm(user('notzingen.kommune'), plochingen.id, undefined, {
    share: 6420,
  });
  const plochingenInReview = await submitFunding(confirmed, 'plochingen.kommune');
  await act(plochingenInReview, 'rp.pruefer2', 'return', {
    comment:
      'Bitte fügen Sie die unterschriebene Kooperationsvereinbarung mit der Gemeinde Notzingen bei und bestätigen Sie den Anteil von Notzingen am gemeinsamen Antrag.',
  });

  // Integration plans ("Integrationspläne").
  await service.create(user('kirchheim.im1'), {
    formId: 'integration-plan',
    data: plan(
      'KT-2026-0014',
      'Miriam Schneider',
      '2026-10-05',
      '2027-01-11',
      'valid-minimal',
      SPEAKERS.ukrainian,
    ),
  });
  const inReview = await service.create(user('kirchheim.im1'), {
    formId: 'integration-plan',
    data: plan(
      'KT-2026-0009',
      'Miriam Schneider',
      '2026-06-15',
      '2026-12-15',
      'valid-several-goals',
      SPEAKERS.dari,
    ),
  });
  await act(inReview, 'kirchheim.im1', 'submit');

  const agreed = await service.create(user('kirchheim.im2'), {
    formId: 'integration-plan',
    data: plan('KT-2025-0031', 'Yusuf Aydın', '2025-09-01', '2027-03-01', 'valid-full', SPEAKERS.arabic),
  });
  // Its family situation also in the person's words: a translation beside the text, frozen with the revision.
  const translated = await service.save(user('kirchheim.im2'), agreed.id, etag(agreed.version), {
    data: agreed.data,
    translations: {
      '/person/familySituation': { lang: 'ar', text: 'متزوج، طفلان يعيشان في المنزل' },
    },
  });
  const agreedInReview = await act(translated, 'kirchheim.im2', 'submit');
  await act(agreedInReview, 'kirchheim.koordination', 'approve');

  const continued = await service.create(user('plochingen.im1'), {
    formId: 'integration-plan',
    data: plan(
      'PL-2025-0003',
      'Lena Hofmann',
      '2025-04-01',
      '2026-10-01',
      'valid-several-goals',
      SPEAKERS.tigrinya,
    ),
  });
  const continuedInReview = await act(continued, 'plochingen.im1', 'submit');
  const continuedAgreed = await act(continuedInReview, 'plochingen.koordination', 'approve');
  await act(continuedAgreed, 'plochingen.im1', 'amend');

  // Plochingen's coordinator has confirmed last year's key figures (Kirchheim's can still show how).
  await keyFigureReportService(ctx).confirm(user('plochingen.koordination'), {
    year: reportYearOn(berlinDate(ctx.now())),
  });
}
