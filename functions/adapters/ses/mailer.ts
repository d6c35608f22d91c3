import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingMail } from '#ports/mailer';
import { sdkTimeouts, translateUnavailable } from '../sdk-resilience.ts';

let client: SESv2Client | undefined;
/**
 * One client per container, with the timeouts of every SDK client (a stalled SES is `dependency.unavailable`,
 * and the outbox retries); the endpoint comes from `AWS_ENDPOINT_URL_SESV2` locally (the emulator).
 */
const sesClient = (timeoutMs: number) => {
  client ??= translateUnavailable(new SESv2Client({ ...sdkTimeouts(timeoutMs) }));
  return client;
};

/** Sends through Amazon SES (API v2), with the configuration set that records bounces and complaints. */
export class SesMailer implements Mailer {
  private readonly configurationSet: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: { timeoutMs: number; configurationSet?: string | undefined }) {
    this.configurationSet = options.configurationSet;
    this.timeoutMs = options.timeoutMs;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await sesClient(this.timeoutMs).send(
      new SendEmailCommand({
        FromEmailAddress: mail.from,
        Destination: { ToAddresses: [mail.to] },
        ...(mail.replyTo ? { ReplyToAddresses: [mail.replyTo] } : {}),
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: mail.text, Charset: 'UTF-8' },
              Html: { Data: mail.html, Charset: 'UTF-8' },
            },
          },
        },
      }),
    );
  }
}
