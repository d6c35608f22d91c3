import { describe, expect, it } from 'vitest';
import { DynamoDirectory } from '../../functions/adapters/dynamodb/directory.ts';
import { DynamoFormStore } from '../../functions/adapters/dynamodb/form-store.ts';
import { DynamoSubmissionStore } from '../../functions/adapters/dynamodb/submission-store.ts';
import { MemoryDirectory } from '../../functions/adapters/memory/directory.ts';
import { MemoryFormStore } from '../../functions/adapters/memory/form-store.ts';
import { MemorySubmissionStore } from '../../functions/adapters/memory/submission-store.ts';
import type { Directory } from '../../functions/ports/directory.ts';
import type { FormStore } from '../../functions/ports/form-store.ts';
import { localTable } from '../helpers/dynamo.ts';
import { submissionStoreContract } from './submission-store.contract.ts';

const table = localTable('contract');

submissionStoreContract('memory', async () => new MemorySubmissionStore());
submissionStoreContract('DynamoDB Local', async () => new DynamoSubmissionStore(table.doc, table.tableName));

function directoryContract(name: string, make: () => Directory) {
  describe(`Directory contract: ${name}`, () => {
    it('stores organisations and users, listing users by organisation', async () => {
      const dir = make();
      const org = `o-${Math.random().toString(36).slice(2, 8)}`;
      await dir.putOrganisation({
        id: org,
        name: 'Notzingen',
        type: 'municipality',
        district: 'Landkreis Esslingen',
      });
      expect(await dir.getOrganisation(org)).toEqual({
        id: org,
        name: 'Notzingen',
        type: 'municipality',
        district: 'Landkreis Esslingen',
      });
      expect((await dir.listOrganisations()).map((o) => o.id)).toContain(org);
      const user = {
        sub: `u-${org}`,
        username: 'x',
        name: 'X',
        email: 'x@example.org',
        role: 'manager' as const,
        org,
      };
      await dir.putUser(user);
      expect(await dir.getUser(user.sub)).toEqual(user);
      expect(await dir.listUsers(org)).toEqual([user]);
      expect(await dir.listUsers('elsewhere')).toEqual([]);
    });
  });
}
directoryContract('memory', () => new MemoryDirectory());
directoryContract('DynamoDB Local', () => new DynamoDirectory(table.doc, table.tableName));

function formStoreContract(name: string, make: () => FormStore) {
  describe(`FormStore contract: ${name}`, () => {
    it('publishes immutable versions and refuses a taken number', async () => {
      const store = make();
      const id = `f-${Math.random().toString(36).slice(2, 8)}`;
      const version = {
        id,
        version: 1,
        title: { de: 'Test' },
        schema: { type: 'object' },
        uiSchema: {},
        workflow: {
          kind: 'generic' as const,
          start: ['municipality' as const],
          submit: ['municipality' as const],
          review: ['reviewer' as const],
          amend: false,
          amendNeedsReview: true,
        },
        config: {},
        i18n: {},
        publishedAt: '2026-01-01T00:00:00.000Z',
        source: 'published' as const,
        validatorCode: 'export const validators = {};',
      };
      await store.publish(version);
      await expect(store.publish(version)).rejects.toMatchObject({
        status: 409,
        code: 'form.version_exists',
      });
      await store.publish({ ...version, version: 2 });
      expect((await store.catalogue())[id]).toBe(2);
      expect(await store.get(id, 1)).toEqual(version);
      expect(await store.get(id, 3)).toBeUndefined();
    });
  });
}
formStoreContract('memory', () => new MemoryFormStore());
formStoreContract('DynamoDB Local', () => new DynamoFormStore(table.doc, table.tableName));
