import type { Mailer, OutgoingMail } from '#ports/mailer';

/** Keeps the mails it is given, in order (the service tests read them instead of an SES emulator). */
export class MemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];

  async send(mail: OutgoingMail): Promise<void> {
    this.sent.push(structuredClone(mail));
  }
}
