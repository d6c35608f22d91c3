import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingMail } from '#ports/mailer';

/** One client per container; the endpoint comes from `AWS_ENDPOINT_URL_SESV2` locally (the emulator). */
const client = new SESv2Client({ maxAttempts: 3 });

/** Sends through Amazon SES (API v2), with the configuration set that records bounces and complaints. */
export class SesMailer implements Mailer {
  constructor(private readonly configurationSet?: string) {}

  async send(mail: OutgoingMail): Promise<void> {
    await client.send(
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
