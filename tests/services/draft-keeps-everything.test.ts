/**
 * A draft keeps everything typed into the form: values that do not validate yet are stored (only submit
 * refuses them), text that does not even parse is kept as typed beside the data until its field holds a
 * value, and wrongly typed JSON from an API client is still refused.
 */
import { describe, expect, it } from 'vitest';
import { etag } from '../../functions/services/submission-service.ts';
import { FUNDING, fundingData } from '../helpers/factories.ts';
import { memoryWorld } from '../helpers/memory.ts';

type Json = Record<string, any>;

async function draft() {
  const { services, actor, attachSigned } = await memoryWorld();
  const applicant = actor('wendlingen.kommune');
  const sub = await services.submissions.create(applicant, { formId: FUNDING, data: fundingData() });
  // Attached at once: these tests are about the data, not the required attachment.
  await attachSigned(applicant, sub);
  return { submissions: services.submissions, applicant, reviewer: actor('rp.pruefer1'), sub };
}

describe('a draft keeps what people type', () => {
  it('stores a half-typed e-mail address and a wrong AGS, and refuses them only at submit', async () => {
    const { submissions, applicant, sub } = await draft();
    const data = fundingData() as Json;
    data.applicant.contact.email = 'integration@kirch';
    data.applicant.ags = '0811';
    const saved = await submissions.save(applicant, sub.id, etag(sub.version), { data });
    expect((saved.data as Json).applicant.contact.email).toBe('integration@kirch');
    expect((saved.data as Json).applicant.ags).toBe('0811');
    const refused = submissions.transition(applicant, sub.id, etag(saved.version), { action: 'submit' });
    await expect(refused).rejects.toMatchObject({ status: 400, code: 'submission.incomplete' });
  });

  it('still refuses a wrong JSON type', async () => {
    const { submissions, applicant, sub } = await draft();
    const data = { ...fundingData(), positions: 'two' };
    await expect(submissions.save(applicant, sub.id, etag(sub.version), { data })).rejects.toMatchObject({
      status: 400,
      code: 'submission.invalid_data',
    });
  });

  it('keeps unparsed text beside the data until the field parses, and not in what reviewers see', async () => {
    const { submissions, applicant, reviewer, sub } = await draft();
    const data = fundingData() as Json;
    delete data.positions[0].fte;
    const saved = await submissions.save(applicant, sub.id, etag(sub.version), {
      data,
      raw: { '/positions/0/fte': '1.2.3', '/applicant/name': 'ignored: the field holds a value' },
    });
    expect(saved.raw).toEqual({ '/positions/0/fte': '1.2.3' });
    expect((await submissions.get(applicant, sub.id)).raw).toEqual({ '/positions/0/fte': '1.2.3' });
    // Submit refuses while a field holds unparsed text.
    await expect(
      submissions.transition(applicant, sub.id, etag(saved.version), { action: 'submit' }),
    ).rejects.toMatchObject({ status: 400, code: 'submission.incomplete' });

    // The field parses now: its raw text is gone.
    const fixed = await submissions.save(applicant, sub.id, etag(saved.version), {
      data: fundingData(),
      raw: { '/positions/0/fte': '1.2.3' },
    });
    expect(fixed.raw).toBeUndefined();
    const submitted = await submissions.transition(applicant, sub.id, etag(fixed.version), {
      action: 'submit',
    });
    expect(submitted.status).toBe('review');
    expect((await submissions.get(reviewer, sub.id)).raw).toBeUndefined();
  });
});
