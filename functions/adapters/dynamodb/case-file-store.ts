import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type CaseDocument, compareDocuments } from '#core/documents/issue';
import type { CaseFileStore } from '#ports/case-file-store';
import type { FileNumberCounterMove } from '#ports/submission-store';
import { entities, itemHeader, partitionQuery } from '../../table.ts';
import { isConditionFailure, type TaggedItem, tagged } from './errors.ts';
import { queryAll, withoutKeys } from './query.ts';

/** The transaction items of a change's pending documents (each new: a document never changes once issued). */
export function documentPuts(tableName: string, documents: readonly CaseDocument[]): TaggedItem[] {
  return documents.map((d) =>
    tagged('document', {
      Put: {
        TableName: tableName,
        Item: { ...itemHeader('document', entities.document.key(d.submissionId, d.id)), ...d },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  );
}

/** The counter move of a first submit: from exactly `expected` (absent counts as 0) to `expected + 1`. */
export function fileNumberUpdate(tableName: string, move: FileNumberCounterMove): TaggedItem {
  const key = entities.fileNumberCounter.key(move.authority, move.round);
  return tagged('fileNumber', {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET #n = :next, #e = :e, #sv = :sv',
      ConditionExpression: move.expected === 0 ? 'attribute_not_exists(#n)' : '#n = :expected',
      ExpressionAttributeNames: { '#n': 'n', '#e': 'entity', '#sv': 'schemaVersion' },
      ExpressionAttributeValues: {
        ':next': move.expected + 1,
        ':e': entities.fileNumberCounter.tag,
        ':sv': itemHeader('fileNumberCounter', key).schemaVersion,
        ...(move.expected === 0 ? {} : { ':expected': move.expected }),
      },
    },
  });
}

/** Documents and file-number counters in the one table. */
export class DynamoCaseFileStore implements CaseFileStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async lastFileNumber(authority: string, round: string): Promise<number> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: entities.fileNumberCounter.key(authority, round),
        ConsistentRead: true,
      }),
    );
    return typeof out.Item?.n === 'number' ? out.Item.n : 0;
  }

  async documents(submissionId: string): Promise<CaseDocument[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      ...partitionQuery('documentsOfSubmission', submissionId),
      ConsistentRead: true,
    });
    return items.map((i) => withoutKeys<CaseDocument>(i)).sort(compareDocuments);
  }

  async document(submissionId: string, documentId: string): Promise<CaseDocument | undefined> {
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: entities.document.key(submissionId, documentId),
        ConsistentRead: true,
      }),
    );
    return out.Item ? withoutKeys<CaseDocument>(out.Item) : undefined;
  }

  async markReady(
    submissionId: string,
    documentId: string,
    ready: { sha256: string; size: number; readyAt: string },
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: entities.document.key(submissionId, documentId),
          UpdateExpression: 'SET #state = :ready, #sha = :sha, #size = :size, #at = :at',
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#sha': 'sha256',
            '#size': 'size',
            '#at': 'readyAt',
          },
          ExpressionAttributeValues: {
            ':ready': 'ready',
            ':pending': 'pending',
            ':sha': ready.sha256,
            ':size': ready.size,
            ':at': ready.readyAt,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markRetrieved(
    submissionId: string,
    documentId: string,
    retrieval: { retrievedAt: string; notifiedOn?: string },
  ): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: entities.document.key(submissionId, documentId),
          UpdateExpression: `SET #r = :r${retrieval.notifiedOn ? ', #n = :n' : ''}`,
          ConditionExpression: '#state = :ready AND attribute_not_exists(#r)',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#r': 'retrievedAt',
            ...(retrieval.notifiedOn ? { '#n': 'notifiedOn' } : {}),
          },
          ExpressionAttributeValues: {
            ':ready': 'ready',
            ':r': retrieval.retrievedAt,
            ...(retrieval.notifiedOn ? { ':n': retrieval.notifiedOn } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
