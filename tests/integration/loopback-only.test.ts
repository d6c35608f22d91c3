import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDynamo, startDynamo } from '../../functions/local/emulators.ts';

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
