import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynamo, type RunningS3, startDynamo, startS3 } from '../../functions/local/emulators.ts';

/** The machine's addresses other than loopback (IPv4 and IPv6). */
function outsideAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80:'))
    .map((a) => a!.address);
}

/** Resolves 'connected' or the error code of a TCP connection attempt. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('embedded DynamoDB listens on loopback only', () => {
  let dynamo: RunningDynamo;
  let port: number;
  beforeAll(async () => {
    dynamo = await startDynamo();
    port = Number(new URL(dynamo.endpoint).port);
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  it('answers on 127.0.0.1', async () => {
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
  });

  it("refuses connections to the machine's other addresses", async () => {
    const addresses = outsideAddresses();
    // A machine without any network address has nothing to protect; every CI machine has one.
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(await tryConnect(address, port), address).not.toBe('connected');
  });
});

describe('embedded S3 listens on loopback only', () => {
  let s3: RunningS3;
  let port: number;
  const directory = mkdtempSync(join(tmpdir(), 'pakt-s3-'));
  beforeAll(async () => {
    s3 = await startS3({ directory, buckets: ['loopback-test'], corsOrigins: ['http://127.0.0.1'] });
    port = Number(new URL(s3.endpoint).port);
  });
  afterAll(async () => {
    await s3?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it("answers on 127.0.0.1 and refuses the machine's other addresses", async () => {
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    for (const address of outsideAddresses())
      expect(await tryConnect(address, port), address).not.toBe('connected');
  });
});
