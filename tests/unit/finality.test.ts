import { describe, expect, it } from 'vitest';
import {
  addDays,
  deadlineEnd,
  easterSunday,
  finalFrom,
  isDecisionFinal,
  isWorkingDayBW,
  nextWorkingDayBW,
  notifiedOnRetrieval,
  publicHolidaysBW,
  retrievalWindowEnd,
  withFinalAt,
  withinRetrievalWindow,
} from '../../functions/core/finality.ts';
import type { Decision } from '../../functions/core/model.ts';

describe('Easter and the public holidays of Baden-Württemberg', () => {
  it.each([
    [1818, '1818-03-22'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the twelve statutory holidays of 2026, the movable ones from Easter', () => {
    expect([...publicHolidaysBW(2026).keys()].sort()).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-01',
      '2026-05-14', // Ascension
      '2026-05-25', // Whit Monday
      '2026-06-04', // Corpus Christi
      '2026-10-03',
      '2026-11-01',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(publicHolidaysBW(2025).get('2025-06-19')).toBe('Fronleichnam');
    expect(publicHolidaysBW(2025).get('2025-06-09')).toBe('Pfingstmontag');
  });

  it('knows working days: not weekends, not holidays; an ordinary weekday is one', () => {
    expect(isWorkingDayBW('2026-02-16')).toBe(true); // Monday
    expect(isWorkingDayBW('2026-02-14')).toBe(false); // Saturday
    expect(isWorkingDayBW('2026-02-15')).toBe(false); // Sunday
    expect(isWorkingDayBW('2026-01-06')).toBe(false); // Epiphany, a Tuesday
    expect(isWorkingDayBW('2026-11-02')).toBe(true); // the day after All Saints' (a Sunday in 2026)
    expect(nextWorkingDayBW('2025-12-24')).toBe('2025-12-24'); // Christmas Eve is a working day
    expect(nextWorkingDayBW('2025-12-25')).toBe('2025-12-29'); // 25, 26 (holidays), 27, 28 (weekend)
  });
});

describe('deadlines by §§ 187–193 BGB (one month, Baden-Württemberg)', () => {
  it.each([
    ['an ordinary end on a weekday', '2026-01-13', 1, '2026-02-13'],
    ['the same day number one month later; a Sunday moves to Monday', '2026-01-15', 1, '2026-02-16'],
    ['31 January: February has no 31st, its last day (a Saturday) moves on', '2026-01-31', 1, '2026-03-02'],
    ['31 January in a leap year: 29 February (a Thursday)', '2024-01-31', 1, '2024-02-29'],
    ['30 January in a common year: 28 February', '2023-01-30', 1, '2023-02-28'],
    ['31 March: 30 April', '2026-03-31', 1, '2026-04-30'],
    ['Easter Monday', '2026-03-06', 1, '2026-04-07'],
    ['Good Friday: over the weekend and Easter Monday', '2026-03-03', 1, '2026-04-07'],
    ['Ascension Day', '2026-04-14', 1, '2026-05-15'],
    ['Whit Monday', '2026-04-25', 1, '2026-05-26'],
    ['Corpus Christi', '2026-05-04', 1, '2026-06-05'],
    ['Labour Day (a Friday), then the weekend', '2026-04-01', 1, '2026-05-04'],
    ['German Unity Day (a Friday), then the weekend', '2025-09-03', 1, '2025-10-06'],
    ["All Saints' Day", '2023-10-01', 1, '2023-11-02'],
    ['Christmas: 25 and 26 December', '2024-11-25', 1, '2024-12-27'],
    ["New Year's Day, over the year's end", '2025-12-01', 1, '2026-01-02'],
    ['Epiphany', '2025-12-06', 1, '2026-01-07'],
    ['over the year end without holiday', '2026-12-15', 1, '2027-01-15'],
    ['one year from 29 February: 28 February', '2024-02-29', 12, '2025-02-28'],
    ['one year from an ordinary day', '2025-03-10', 12, '2026-03-10'],
  ])('%s: %s + %i month(s) ends %s', (_what, event, months, end) => {
    expect(deadlineEnd(event, months)).toBe(end);
  });

  it('never counts the event day: a deadline is never shorter than the month', () => {
    for (let day = 0; day < 800; day++) {
      const event = addDays('2024-01-01', day);
      const end = deadlineEnd(event, 1);
      expect(end > event).toBe(true);
      expect(isWorkingDayBW(end)).toBe(true);
      expect(end <= addDays(event, 31 + 6)).toBe(true);
    }
  });
});

describe('notification by retrieval (§ 41 (2a) LVwVfG)', () => {
  it('notifies on the day after the retrieval, also across months', () => {
    expect(notifiedOnRetrieval('2026-03-10')).toBe('2026-03-11');
    expect(notifiedOnRetrieval('2026-02-28')).toBe('2026-03-01');
  });

  it('counts a retrieval only within ten days of the notice that the decision is ready', () => {
    expect(retrievalWindowEnd('2026-03-02')).toBe('2026-03-12');
    expect(withinRetrievalWindow('2026-03-02', '2026-03-02')).toBe(true);
    expect(withinRetrievalWindow('2026-03-02', '2026-03-12')).toBe(true);
    expect(withinRetrievalWindow('2026-03-02', '2026-03-13')).toBe(false);
    expect(withinRetrievalWindow('2026-03-02', '2026-03-01')).toBe(false);
  });
});

describe('when a decision is final', () => {
  const readyAt = '2026-01-14T09:00:00.000Z';
  it('is not final before it is notified', () => {
    expect(finalFrom({ finality: { readyAt } })).toBeUndefined();
  });
  it('is final the day after the month for an action ended', () => {
    expect(finalFrom({ notifiedAt: '2026-01-15', finality: { readyAt } })).toBe('2026-02-17');
  });
  it('takes a year where the legal-remedy notice is missing or wrong', () => {
    expect(finalFrom({ notifiedAt: '2026-01-15', finality: { readyAt, remedyNoticeDefective: true } })).toBe(
      '2027-01-16',
    );
  });
  it('is final at once when legal remedy is waived, never before it is notified', () => {
    expect(finalFrom({ notifiedAt: '2026-01-15', finality: { readyAt, remedyWaivedOn: '2026-01-20' } })).toBe(
      '2026-01-20',
    );
    // Waived on the day of retrieval: notified (and final) the next day.
    expect(finalFrom({ notifiedAt: '2026-01-15', finality: { readyAt, remedyWaivedOn: '2026-01-14' } })).toBe(
      '2026-01-15',
    );
  });
  it('is not final while an action runs, and final when it is recorded closed', () => {
    const filed = { readyAt, actionFiledOn: '2026-02-10' };
    expect(finalFrom({ notifiedAt: '2026-01-15', finality: filed })).toBeUndefined();
    expect(
      finalFrom({ notifiedAt: '2026-01-15', finality: { ...filed, actionClosedOn: '2026-09-01' } }),
    ).toBe('2026-09-01');
  });

  const decision = (over: Partial<Decision>): Decision => ({
    requestedAmount: 100,
    approvedAmount: 100,
    fileNumber: 'IM-1',
    decisionDate: '2026-01-14',
    decidedBy: { sub: 'r', name: 'R' },
    ...over,
  });

  it('withFinalAt sets and removes finalAt from the recorded steps', () => {
    const notified = withFinalAt(decision({ notifiedAt: '2026-01-15', finality: { readyAt } }));
    expect(notified.finalAt).toBe('2026-02-17');
    const sued = withFinalAt({ ...notified, finality: { readyAt, actionFiledOn: '2026-02-01' } });
    expect(sued.finalAt).toBeUndefined();
    expect('finalAt' in sued).toBe(false);
  });

  it('isDecisionFinal: approved, with a final date reached', () => {
    const d = decision({ finalAt: '2026-02-17' });
    expect(isDecisionFinal({ status: 'approved', decision: d }, '2026-02-16')).toBe(false);
    expect(isDecisionFinal({ status: 'approved', decision: d }, '2026-02-17')).toBe(true);
    expect(isDecisionFinal({ status: 'revoked', decision: d }, '2026-03-01')).toBe(false);
    expect(isDecisionFinal({ status: 'approved', decision: decision({}) }, '2030-01-01')).toBe(false);
    expect(isDecisionFinal({ status: 'approved' }, '2030-01-01')).toBe(false);
  });
});
