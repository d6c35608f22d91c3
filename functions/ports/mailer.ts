/** Sending one mail (Amazon SES v2 in AWS and, through the same client, the local emulator). */
export interface OutgoingMail {
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}
