/**
 * Every error code the platform answers, with its HTTP status and a message in German and English, as
 * data: the web app shows the German or English text for a code (the API's own `message` stays English
 * and may be more specific); the OpenAPI document lists each route's codes by status.
 * `tests/unit/error-catalogue.test.ts` fails if a code raised anywhere in `functions/` is missing here.
 * Codes of `details` entries (e.g. `consent.health_required`) and of attachment rejections are listed too.
 */
export interface CatalogueEntry {
  status: number;
  /** Other statuses the code comes with (a funding rule refuses a submit with 400, an approval with 409). */
  also?: readonly number[];
  de: string;
  en: string;
}

export const ERROR_CATALOGUE = {
  // The request itself
  'request.invalid': {
    status: 400,
    de: 'Die Anfrage passt nicht zur Schnittstelle.',
    en: 'The request does not match the API.',
  },
  'request.malformed_json': {
    status: 400,
    de: 'Der Inhalt ist kein gültiges JSON.',
    en: 'The request body is not valid JSON.',
  },
  'request.too_deep': {
    status: 400,
    de: 'Der Inhalt ist zu tief verschachtelt.',
    en: 'The request body is nested too deeply.',
  },
  'request.too_large': { status: 413, de: 'Der Inhalt ist zu groß.', en: 'The request body is too large.' },
  'request.unsupported_media_type': {
    status: 415,
    de: 'Der Inhalt muss JSON sein.',
    en: 'The request body must be JSON.',
  },
  'request.rate_limited': {
    status: 429,
    de: 'Zu viele Anfragen in kurzer Zeit. Bitte versuchen Sie es gleich noch einmal.',
    en: 'Too many requests in a short time. Please try again shortly.',
  },
  'dependency.unavailable': {
    status: 503,
    de: 'Ein Dienst der Plattform antwortet gerade nicht. Bitte versuchen Sie es gleich noch einmal; nichts wurde gespeichert.',
    en: 'A service of the platform is not answering right now. Please try again shortly; nothing was saved.',
  },
  'idempotency.bad_key': {
    status: 400,
    de: 'Der Idempotency-Key muss aus 8 bis 128 druckbaren ASCII-Zeichen bestehen.',
    en: 'The Idempotency-Key must be 8 to 128 printable ASCII characters.',
  },
  'idempotency.key_reused': {
    status: 422,
    de: 'Dieser Idempotency-Key wurde schon für eine andere Anfrage verwendet.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  'idempotency.in_progress': {
    status: 409,
    de: 'Dieselbe Anfrage wird gerade noch bearbeitet.',
    en: 'The same request is still being processed.',
  },
  'request.unsafe_number': {
    status: 400,
    de: 'Eine Zahl ist zu groß oder zu genau, um sie unverändert zu speichern.',
    en: 'A number is too large or too precise to be stored unchanged.',
  },
  'request.bad_path': { status: 400, de: 'Die Adresse ist ungültig.', en: 'The address is invalid.' },
  'request.headers_too_large': {
    status: 431,
    de: 'Die Anfrage hat zu große Kopfzeilen.',
    en: 'The request headers are too large.',
  },
  'request.malformed': { status: 400, de: 'Die Anfrage ist fehlerhaft.', en: 'The request is malformed.' },
  'text.forbidden_character': {
    status: 400,
    de: 'Der Text enthält Steuer- oder Richtungszeichen, die nicht gespeichert werden.',
    en: 'The text contains control or direction characters, which are not stored.',
  },
  'route.not_found': { status: 404, de: 'Diese Adresse gibt es nicht.', en: 'There is no such route.' },
  'method.not_allowed': {
    status: 405,
    de: 'Diese Methode ist hier nicht erlaubt.',
    en: 'This method is not allowed here.',
  },
  'auth.unauthorized': { status: 401, de: 'Bitte melden Sie sich an.', en: 'Please sign in.' },
  'login.unknown_user': { status: 400, de: 'Diese Person ist nicht bekannt.', en: 'Unknown user.' },
  'login.deactivated': {
    status: 403,
    de: 'Dieses Konto ist deaktiviert.',
    en: 'This account is deactivated.',
  },
  internal: {
    status: 500,
    de: 'Ein unerwarteter Fehler ist aufgetreten.',
    en: 'An unexpected error occurred.',
  },

  // Submissions and workflow
  'submission.not_found': {
    status: 404,
    de: 'Der Vorgang wurde nicht gefunden.',
    en: 'Submission not found.',
  },
  'submission.forbidden': {
    status: 403,
    de: 'Ihre Rolle darf das bei diesem Vorgang nicht.',
    en: 'Your role may not do this with this submission.',
  },
  'submission.start_forbidden': {
    status: 403,
    de: 'Ihre Rolle darf dieses Formular nicht beginnen.',
    en: 'Your role may not start this form.',
  },
  'submission.list_forbidden': {
    status: 403,
    de: 'Ihre Rolle sieht keine Vorgänge dieser Art.',
    en: 'Your role sees no submissions of this kind.',
  },
  'submission.assign_forbidden': {
    status: 403,
    de: 'Nur die Koordination der Organisation darf einen Plan neu zuweisen.',
    en: 'Only a coordinator of the organisation may reassign a plan.',
  },
  'submission.invalid_data': {
    status: 400,
    de: 'Die Angaben passen nicht zum Formular.',
    en: 'The data does not match the form.',
  },
  'submission.incomplete': {
    status: 400,
    de: 'Der Vorgang ist unvollständig oder fehlerhaft und kann nicht eingereicht werden.',
    en: 'The submission is incomplete or invalid and cannot be submitted.',
  },
  'submission.not_editable': {
    status: 409,
    de: 'Der Vorgang kann in diesem Stand nicht geändert werden.',
    en: 'The submission cannot be changed in this state.',
  },
  'submission.locked': {
    status: 409,
    de: 'Die Einwilligung zur Speicherung wurde widerrufen: der Plan ist gesperrt und wird gelöscht.',
    en: 'Consent to storage was withdrawn: the plan is locked and scheduled for erasure.',
  },
  'submission.stale_version': {
    status: 412,
    de: 'Der Vorgang wurde inzwischen geändert. Bitte neu laden.',
    en: 'The submission was changed meanwhile; reload it.',
  },
  'file_number.taken': {
    status: 409,
    de: 'Ein anderer Antrag hat das Aktenzeichen gerade erhalten. Bitte erneut versuchen.',
    en: 'Another application took the file number meanwhile; try again.',
  },
  'case_document.not_found': {
    status: 404,
    de: 'Dieses Dokument gibt es in der Förderakte nicht.',
    en: 'The case file holds no such document.',
  },
  'case_document.pending': {
    status: 409,
    de: 'Das Dokument wird noch erstellt. Bitte gleich noch einmal versuchen.',
    en: 'The document is still being rendered; try again shortly.',
  },
  'submission.version_required': {
    status: 428,
    de: 'Die zuletzt gesehene Version (If-Match) fehlt.',
    en: 'If-Match with the version you last saw is required.',
  },
  'workflow.action_not_allowed': {
    status: 409,
    de: 'Dieser Schritt ist im aktuellen Stand nicht möglich.',
    en: 'This action is not possible in the current state.',
  },
  'workflow.amend_not_allowed': {
    status: 409,
    de: 'Dieses Formular erlaubt keine Fortschreibung.',
    en: 'This form does not allow amendments.',
  },
  'workflow.comment_required': {
    status: 400,
    de: 'Für die Rückgabe ist ein Kommentar nötig.',
    en: 'Returning requires a comment.',
  },
  'revision.not_found': { status: 404, de: 'Dieser Stand wurde nicht gefunden.', en: 'Revision not found.' },
  'diff.bad_revision': { status: 400, de: 'Diesen Stand gibt es nicht.', en: 'There is no such revision.' },
  'list.bad_cursor': { status: 400, de: 'Die Seitenmarke ist ungültig.', en: 'The page cursor is invalid.' },
  'list.bad_limit': {
    status: 400,
    de: 'Die Seitengröße muss zwischen 1 und 100 liegen.',
    en: 'The page size must be 1 to 100.',
  },
  // Notifications
  'notifications.invalid_request': {
    status: 400,
    de: 'Bitte einzelne Benachrichtigungen oder alle angeben.',
    en: 'Name some notifications, or all of them.',
  },
  'notifications.failures_forbidden': {
    status: 403,
    de: 'Zustellfehler sehen nur Administratorinnen und Administratoren.',
    en: 'Only admins see delivery failures.',
  },
  'user.not_found': {
    status: 404,
    de: 'Zu Ihrer Anmeldung gibt es kein Benutzerprofil. Bitte wenden Sie sich an Ihre Administration.',
    en: 'Your sign-in has no user profile. Contact your administrator.',
  },
  'email.invalid': {
    status: 400,
    de: 'Bitte eine gültige E-Mail-Adresse angeben, etwa name@beispiel.de.',
    en: 'Enter a valid e-mail address, such as name@example.org.',
  },
  'email.unchanged': {
    status: 409,
    de: 'Das ist bereits Ihre E-Mail-Adresse.',
    en: 'That already is your e-mail address.',
  },
  'email.code_invalid': {
    status: 400,
    de: 'Der Code stimmt nicht. Bitte prüfen Sie die sechs Ziffern aus der E-Mail.',
    en: 'The code does not match. Check the six digits from the e-mail.',
  },
  'email.no_pending_change': {
    status: 409,
    de: 'Es wartet keine Änderung der E-Mail-Adresse auf Bestätigung, oder der Code ist abgelaufen. Bitte fordern Sie einen neuen Code an.',
    en: 'No change of e-mail address is waiting for confirmation, or the code expired. Ask for a new code.',
  },
  'email.too_many_attempts': {
    status: 409,
    de: 'Zu viele falsche Codes. Die Änderung wurde verworfen; bitte fordern Sie einen neuen Code an.',
    en: 'Too many wrong codes. The change was dropped; ask for a new code.',
  },
  'preferences.invalid': {
    status: 400,
    de: 'Bitte Zustellart und Sprache angeben.',
    en: 'Choose a delivery mode and a language.',
  },
  'queue.unsupported_filter': {
    status: 400,
    de: 'Diese Kombination von Filtern wird nicht unterstützt.',
    en: 'This combination of filters is not supported.',
  },
  'queue.bad_search': {
    status: 400,
    de: 'Der Suchbegriff braucht mindestens einen Buchstaben oder eine Ziffer.',
    en: 'The search needs at least one letter or digit.',
  },
  'queue.reviewers_only': {
    status: 400,
    de: 'Suche, Bezirks-, Runden- und Bearbeitungsfilter gibt es nur in der Prüfliste der Landesprüfung.',
    en: "Search, district, round and reviewer filters exist only in the state reviewers' work queue.",
  },
  'queue.assign_forbidden': {
    status: 403,
    de: 'Nur die Landesprüfung kann eingereichte Anträge übernehmen oder zuweisen.',
    en: 'Only state reviewers may take or assign submitted applications.',
  },
  'queue.reviewer_invalid': {
    status: 400,
    de: 'Diese Person gehört nicht zur Landesprüfung.',
    en: 'The user is not a state reviewer.',
  },
  'assignee.invalid': {
    status: 400,
    de: 'Diese Person ist keine Integrationsmanagerin bzw. kein Integrationsmanager dieser Organisation.',
    en: 'The user is not an integration manager of this organisation.',
  },
  'validator.not_found': {
    status: 404,
    de: 'Die Prüfregeln des Formulars fehlen.',
    en: "The form's validator is missing.",
  },

  // Funding applications
  'allocation.exceeded': {
    status: 409,
    also: [400],
    de: 'Der Planungsrahmen würde überschritten.',
    en: 'The planning frame would be exceeded.',
  },
  'allocation.missing': {
    status: 409,
    de: 'Der Antrag hat keine Reservierung im Planungsrahmen.',
    en: 'The application has no reservation against a planning frame.',
  },
  'allocations.forbidden': {
    status: 403,
    de: 'Ihre Rolle sieht keine Planungsrahmen.',
    en: 'Your role sees no planning frames.',
  },
  'allocation.below_minimum': {
    status: 400,
    de: 'Die Summe liegt unter dem Mindestanspruch.',
    en: 'The amount is below the minimum entitlement.',
  },
  'position.fte_too_small': {
    status: 400,
    de: 'Der Stellenanteil ist zu klein.',
    en: 'The share of a full-time post is too small.',
  },
  'position.months_exceeded': { status: 400, de: 'Die Zahl der Monate ist zu groß.', en: 'Too many months.' },
  'position.rate_unknown': {
    status: 400,
    de: 'Für diese Stelle gibt es keinen Fördersatz.',
    en: 'There is no funding rate for this post.',
  },
  'joint.members_missing': {
    status: 400,
    de: 'Ein gemeinsamer Antrag braucht beteiligte Kommunen.',
    en: 'A joint application needs member municipalities.',
  },
  'joint.member_unknown': {
    status: 400,
    de: 'Eine beteiligte Kommune ist nicht bekannt.',
    en: 'A member municipality is unknown.',
  },
  'joint.member_duplicate': {
    status: 400,
    de: 'Eine Kommune ist doppelt beteiligt.',
    en: 'A municipality is named twice.',
  },
  'joint.share_exceeds_frame': {
    status: 400,
    de: 'Ein Anteil übersteigt den Planungsrahmen der Kommune.',
    en: "A share exceeds the municipality's planning frame.",
  },
  'joint.confirmation_missing': {
    status: 409,
    de: 'Noch nicht alle beteiligten Kommunen haben ihre Teilnahme und ihren Anteil bestätigt.',
    en: 'Not every member municipality has confirmed its participation and share yet.',
  },
  'joint.confirmation_forbidden': {
    status: 403,
    de: 'Nur eine beteiligte Kommune bestätigt ihren Anteil.',
    en: 'Only a member municipality confirms its share.',
  },
  'joint.not_confirmable': {
    status: 409,
    de: 'Der Antrag ist eingereicht oder entschieden; eine Bestätigung ist nicht mehr nötig.',
    en: 'The application is submitted or decided; no confirmation is taken any more.',
  },
  'joint.share_changed': {
    status: 409,
    de: 'Ihr Anteil hat sich geändert. Bitte laden Sie den Antrag neu und prüfen Sie ihn erneut.',
    en: 'Your share has changed. Please reload the application and check it again.',
  },
  'bank.iban_invalid': { status: 400, de: 'Die IBAN ist ungültig.', en: 'The IBAN is invalid.' },
  'period.end_before_start': {
    status: 400,
    de: 'Das Ende liegt vor dem Beginn.',
    en: 'The end lies before the start.',
  },
  'round.unknown': {
    status: 400,
    de: 'Diese Förderrunde gibt es nicht.',
    en: 'There is no such funding round.',
  },
  'round.forbidden': {
    status: 403,
    de: 'Nur die Administration darf Förderrunden anlegen und veröffentlichen.',
    en: 'Only an admin may create and publish funding rounds.',
  },
  'round.closed': {
    status: 409,
    de: 'Die Antragsfrist dieser Förderrunde ist abgelaufen oder hat noch nicht begonnen.',
    en: 'The application window of this funding round is closed.',
  },
  // Follow-up records of a funding application (payment requests, change notices, proofs of use)
  'attachments.too_many_pages': {
    status: 400,
    de: 'Das Dokument hat zu viele Seiten.',
    en: 'The document has too many pages.',
  },
  'followUp.not_a_follow_up': {
    status: 400,
    also: [409],
    de: 'Dieses Formular wird nicht aus einem Antrag heraus begonnen.',
    en: 'This form is not started from an application.',
  },
  'followUp.parent_required': {
    status: 400,
    de: 'Ein Folgevorgang wird aus seinem Antrag heraus begonnen.',
    en: 'A follow-up record is started from its application.',
  },
  'followUp.parent_invalid': {
    status: 409,
    de: 'Folgevorgänge gehören zu einem beschiedenen Förderantrag.',
    en: 'Follow-up records belong to a decided funding application.',
  },
  'followUp.too_many': {
    status: 409,
    de: 'Der Antrag hat die größte Zahl an Folgevorgängen erreicht.',
    en: 'The application holds the most follow-up records it may.',
  },
  'followUp.not_approved': {
    status: 409,
    de: 'Der Antrag ist nicht bewilligt.',
    en: 'The application is not approved.',
  },
  'followUp.decision_not_final': {
    status: 409,
    de: 'Mittel können erst abgerufen werden, wenn der Bescheid bestandskräftig ist.',
    en: 'Funds can be called only once the decision is final.',
  },
  'followUp.period_ended': {
    status: 409,
    de: 'Mittel können nur bis drei Monate nach dem Ende des Förderzeitraums abgerufen werden.',
    en: 'Funds can be called until three months after the funding period.',
  },
  'followUp.lead_only': {
    status: 403,
    de: 'Nur die antragstellende Kommune beginnt Folgevorgänge; beteiligte Kommunen lesen sie.',
    en: 'Only the lead applicant starts follow-up records; members read them.',
  },
  'followUp.round_unknown': {
    status: 409,
    de: 'Die Förderrunde des Antrags ist nicht bekannt.',
    en: 'The funding round of the application is not known.',
  },
  'paymentRequest.exceeds_available': {
    status: 409,
    de: 'Der Betrag übersteigt die noch verfügbaren Mittel der Bewilligung.',
    en: 'The amount exceeds what is available of the grant.',
  },
  'paymentRequest.period_outside': {
    status: 409,
    de: 'Der Zeitraum muss im Förderzeitraum liegen.',
    en: 'The period must lie within the funding period.',
  },
  'paymentRequest.bank_account_unconfirmed': {
    status: 409,
    de: 'Die Bankverbindung weicht vom Antrag ab und muss ausdrücklich bestätigt werden.',
    en: 'The bank account differs from the application and must be confirmed explicitly.',
  },
  'paymentRequest.not_released': {
    status: 409,
    de: 'Nur ein freigegebener Mittelabruf wird ausgezahlt.',
    en: 'Only a released payment request is paid out.',
  },
  'paymentRequest.already_paid': {
    status: 409,
    de: 'Die Auszahlung ist bereits erfasst.',
    en: 'The payout is recorded already.',
  },
  'payout.forbidden': {
    status: 403,
    de: 'Nur die Bewilligungsstelle erfasst Auszahlungen.',
    en: 'Only a state reviewer records payouts.',
  },
  'changeNotice.unknown_position': {
    status: 409,
    de: 'Die Änderung nennt keine geförderte Stelle des Antrags.',
    en: 'The change names no funded position of the application.',
  },
  'changeNotice.invalid_dates': {
    status: 409,
    de: 'Eine Änderung darf nicht vor ihrem Beginn enden.',
    en: 'A change must not end before it begins.',
  },
  'repayment.reason_required': {
    status: 400,
    de: 'Eine vom Vorschlag abweichende Rückforderung braucht eine Begründung.',
    en: 'A claim other than the proposal needs a reason.',
  },
  'repayment.exceeds_paid': {
    status: 409,
    de: 'Die Rückforderung übersteigt den ausgezahlten, noch nicht zurückgeforderten Betrag.',
    en: 'The claim exceeds what was paid and not yet reclaimed.',
  },
  'round.not_found': {
    status: 404,
    de: 'Diese Förderrunde ist nicht veröffentlicht.',
    en: 'There is no published funding round with this id.',
  },
  'round.extension_forbidden': {
    status: 403,
    de: 'Nur die Prüfung darf eine Antragsfrist verlängern.',
    en: 'Only reviewers may extend an application window.',
  },
  // Allocation upload: the problems of a preview, by line
  'import.malformed': {
    status: 400,
    de: 'Die Datei ist keine lesbare CSV-Datei.',
    en: 'The file is not readable CSV.',
  },
  'import.invalid': {
    status: 400,
    de: 'Die Datei enthält Fehler; nichts wurde gespeichert.',
    en: 'The file has problems; nothing was saved.',
  },
  'import.changed': {
    status: 409,
    de: 'Ein Planungsrahmen wurde seit der Vorschau geändert; bitte die Vorschau wiederholen.',
    en: 'A planning frame changed since the preview; preview the file again.',
  },
  'import.forbidden': {
    status: 403,
    de: 'Nur die Administration darf Planungsrahmen hochladen.',
    en: 'Only an admin may upload planning frames.',
  },
  'import.missing_column': {
    status: 400,
    de: 'Eine erforderliche Spalte fehlt.',
    en: 'A required column is missing.',
  },
  'import.no_rows': { status: 400, de: 'Die Datei enthält keine Zeilen.', en: 'The file has no rows.' },
  'import.unknown_organisation': {
    status: 400,
    de: 'Keine Organisation passt zu dieser Zeile; bitte zuordnen oder anlegen.',
    en: 'No organisation matches this row; map it or create one.',
  },
  'import.duplicate_organisation': {
    status: 400,
    de: 'Die Organisation steht schon in einer früheren Zeile.',
    en: 'The organisation is named in an earlier line already.',
  },
  'import.amount_invalid': { status: 400, de: 'Der Betrag ist ungültig.', en: 'The amount is invalid.' },
  'import.amount_not_whole_euros': {
    status: 400,
    de: 'Der Betrag ist kein Betrag in ganzen Euro.',
    en: 'The amount is not in whole euros.',
  },
  'import.total_mismatch': {
    status: 400,
    de: 'Die Summe der Zeilen weicht von der als vollständig angegebenen Summe ab.',
    en: 'The rows do not add up to the total stated as complete.',
  },
  'import.below_debited': {
    status: 400,
    de: 'Der neue Planungsrahmen ist kleiner als das bereits Bewilligte oder Beantragte.',
    en: 'The new planning frame is less than what is already approved or in review.',
  },
  'import.mapping_invalid': {
    status: 400,
    de: 'Die Zuordnung der Zeile ist ungültig.',
    en: "The row's mapping is invalid.",
  },
  'round.invalid': {
    status: 400,
    de: 'Die Förderrunde ist widersprüchlich.',
    en: 'The funding round is inconsistent.',
  },
  'round.version_exists': {
    status: 409,
    de: 'Diese Version der Förderrunde ist schon veröffentlicht; eine Korrektur ist eine neue Version.',
    en: 'This version of the round is already published; a correction is a new version.',
  },
  'workflow.proposal_pending': {
    status: 409,
    de: 'Ein Entscheidungsvorschlag wartet auf Bestätigung; bestätigen oder verwerfen Sie ihn zuerst.',
    en: 'A proposed decision awaits confirmation; confirm or discard it first.',
  },
  'workflow.no_proposal': {
    status: 409,
    de: 'Es liegt kein Entscheidungsvorschlag vor.',
    en: 'There is no proposed decision.',
  },
  'workflow.four_eyes_same_reviewer': {
    status: 409,
    de: 'Eine andere Person muss den Entscheidungsvorschlag bestätigen (Vier-Augen-Prinzip).',
    en: 'A different person must confirm the proposed decision (four-eyes rule).',
  },
  'finality.not_applicable': {
    status: 409,
    de: 'Es liegt kein wirksamer Bescheid vor, für den dies erfasst werden kann.',
    en: 'There is no decision in force to record this for.',
  },
  'finality.already_notified': {
    status: 409,
    de: 'Der Bescheid ist bereits bekannt gegeben.',
    en: 'The decision has already been notified.',
  },
  'finality.retrieval_pending': {
    status: 409,
    de: 'Der Bescheid steht noch zum Abruf bereit; die Bekanntgabe auf anderem Weg ist erst nach Ablauf der zehn Tage zu erfassen.',
    en: 'The decision is still provided for retrieval; record notification by other means only after the ten days.',
  },
  'finality.invalid_date': {
    status: 400,
    de: 'Das Datum muss ein Kalendertag zwischen Bescheiddatum und heute sein.',
    en: 'The date must be a calendar day from the decision date to today.',
  },
  'finality.not_notified': {
    status: 409,
    de: 'Auf Rechtsbehelfe kann erst verzichtet werden, wenn der Bescheid bekannt ist.',
    en: 'Legal remedy can be waived only once the decision is known.',
  },
  'finality.already_waived': {
    status: 409,
    de: 'Auf Rechtsbehelfe wurde bereits verzichtet.',
    en: 'Legal remedy has already been waived.',
  },
  'finality.no_action': {
    status: 409,
    de: 'Es ist keine Klage erfasst.',
    en: 'No action has been recorded as filed.',
  },
  'decision.invalid': {
    status: 400,
    de: 'Die Bewilligung ist unvollständig oder fehlerhaft.',
    en: 'The decision is incomplete or invalid.',
  },
  'decision.reason_required': {
    status: 400,
    de: 'Eine Teilbewilligung braucht eine Begründung.',
    en: 'A partial approval needs a reason.',
  },
  'decision.round_version_unknown': {
    status: 409,
    de: 'Diese Fassung der Förderrunde ist nicht veröffentlicht.',
    en: 'This version of the funding round is not published.',
  },
  'decision.round_version_older': {
    status: 409,
    de: 'Eine Entscheidung kann keine ältere Fassung der Förderrunde anwenden als die, in der der Antrag gestellt wurde.',
    en: 'A decision cannot apply an older version of the funding round than the one the application was made in.',
  },

  // Forms
  'form.not_found': { status: 404, de: 'Das Formular wurde nicht gefunden.', en: 'Form not found.' },
  'form.publish_forbidden': {
    status: 403,
    de: 'Nur die Administration darf Formulare veröffentlichen.',
    en: 'Only an admin may publish forms.',
  },
  'form.bad_id': { status: 400, de: 'Die Formularkennung ist ungültig.', en: 'The form id is invalid.' },
  'form.invalid': {
    status: 400,
    de: 'Die Formulardefinition ist unvollständig oder fehlerhaft.',
    en: 'The form definition is incomplete or invalid.',
  },
  'form.schema_invalid': {
    status: 400,
    de: 'Das Schema des Formulars ist ungültig.',
    en: "The form's schema is invalid.",
  },
  'form.unsupported_keywords': {
    status: 400,
    de: 'Das Schema verwendet nicht unterstützte Schlüsselwörter.',
    en: 'The schema uses unsupported keywords.',
  },
  'form.kind_changed': {
    status: 409,
    de: 'Die Art eines Formulars kann nicht geändert werden.',
    en: "A form's kind cannot change.",
  },
  'form.kind_fields_missing': {
    status: 400,
    de: 'Dem Schema fehlen Felder, die diese Formularart braucht.',
    en: 'The schema lacks fields this kind of form needs.',
  },
  'form.version_exists': {
    status: 409,
    de: 'Diese Version wurde gerade veröffentlicht. Bitte erneut versuchen.',
    en: 'This version was just published; try again.',
  },

  // Attachments
  'submission.too_large': {
    status: 413,
    de: 'Die Angaben sind zu umfangreich, um gespeichert zu werden. Bitte kürzen oder aufteilen.',
    en: 'The data is too large to be stored. Please shorten or split it.',
  },
  'submission.invalid_translation': {
    status: 400,
    de: 'Eine Übersetzung passt nicht zu ihrem Feld oder ihrer Sprache.',
    en: 'A translation does not fit its field or language.',
  },
  'translation.not_free_text': {
    status: 400,
    de: 'Übersetzen lassen sich nur Freitextfelder des Formulars.',
    en: 'Only free-text fields of the form can be translated.',
  },
  'translation.bad_language': {
    status: 400,
    de: 'Eine Übersetzung ist auf Deutsch oder in der Sprache der Person.',
    en: "A translation is in German or in the person's language.",
  },
  'translation.too_long': {
    status: 400,
    de: 'Die Übersetzung ist länger, als das Feld erlaubt.',
    en: 'The translation is longer than the field allows.',
  },
  'submission.invalid_text': {
    status: 400,
    de: 'Ein Text enthält Steuer- oder Richtungszeichen.',
    en: 'A text contains control or direction characters.',
  },
  'workflow.invalid_comment': {
    status: 400,
    de: 'Der Kommentar ist zu lang oder enthält Steuerzeichen.',
    en: 'The comment is too long or contains control characters.',
  },
  'attachments.signed_not_applicable': {
    status: 400,
    de: 'Nur Integrationspläne werden auf Papier unterschrieben.',
    en: 'Only integration plans are signed on paper.',
  },
  'attachments.signed_not_agreed': {
    status: 409,
    de: 'Diese Fassung des Plans wurde nicht vereinbart; nur eine vereinbarte Fassung wird unterschrieben.',
    en: 'This version of the plan was not agreed; only an agreed version is signed.',
  },
  'attachments.signed_exists': {
    status: 409,
    de: 'Zu dieser Fassung ist der unterschriebene Plan bereits abgelegt.',
    en: 'The signed plan of this version is already kept.',
  },
  'attachments.not_found': {
    status: 404,
    de: 'Die Anlage wurde nicht gefunden.',
    en: 'Attachment not found.',
  },
  'attachments.type_not_allowed': {
    status: 400,
    de: 'Dieser Dateityp ist nicht erlaubt.',
    en: 'This file type is not allowed.',
  },
  'attachments.too_large': { status: 400, de: 'Die Datei ist zu groß.', en: 'The file is too large.' },
  'attachments.too_many': {
    status: 400,
    de: 'Es sind keine weiteren Anlagen möglich.',
    en: 'No more attachments are possible.',
  },
  'attachments.kind_not_allowed': {
    status: 400,
    de: 'Diese Art von Anlage gibt es nicht.',
    en: 'Unknown kind of attachment.',
  },
  'attachments.wrong_state': {
    status: 409,
    de: 'Die Anlage ist dafür im falschen Zustand.',
    en: 'The attachment is in the wrong state for this.',
  },
  'attachments.changed': {
    status: 409,
    de: 'Die Anlagen wurden gerade geändert. Bitte erneut versuchen.',
    en: 'The attachments changed meanwhile; try again.',
  },
  'attachments.required': {
    status: 409,
    de: 'Bitte fügen Sie vor dem Einreichen die erforderlichen Anlagen bei.',
    en: 'Please attach the required documents before submitting.',
  },
  'attachments.pending': {
    status: 409,
    de: 'Eine Anlage ist noch nicht fertig hochgeladen oder geprüft.',
    en: 'An attachment is not yet uploaded or checked.',
  },
  'attachments.deleting': {
    status: 409,
    de: 'Die Datei wird gerade gelöscht.',
    en: 'The file is being deleted.',
  },
  'attachments.frozen': {
    status: 409,
    de: 'Die Anlage gehört zu einem eingereichten Stand und bleibt erhalten.',
    en: 'The attachment belongs to a submitted revision and is kept.',
  },
  'attachments.not_uploaded': {
    status: 409,
    de: 'Die Datei wurde noch nicht hochgeladen.',
    en: 'The file has not been uploaded yet.',
  },
  'attachments.not_available': {
    status: 409,
    de: 'Die Anlage ist nicht verfügbar.',
    en: 'The attachment is not available.',
  },
  'attachments.size_mismatch': {
    status: 400,
    de: 'Die Datei hat nicht die angegebene Größe.',
    en: 'The file does not have the declared size.',
  },
  'attachments.type_mismatch': {
    status: 400,
    de: 'Der Inhalt der Datei passt nicht zum Dateityp.',
    en: "The file's content does not match its type.",
  },
  'attachments.malware_found': {
    status: 400,
    de: 'In der Datei wurde Schadsoftware gefunden.',
    en: 'Malware was found in the file.',
  },
  'attachments.scan_failed': {
    status: 400,
    de: 'Die Datei konnte nicht auf Schadsoftware geprüft werden.',
    en: 'The file could not be scanned for malware.',
  },
  'attachments.replaced': { status: 400, de: 'Die Datei wurde ersetzt.', en: 'The file was replaced.' },

  // Data protection of plans
  'consent.invalid_request': {
    status: 400,
    de: 'Der Widerruf ist unvollständig oder fehlerhaft.',
    en: 'The withdrawal is incomplete or invalid.',
  },
  'consent.forbidden': {
    status: 403,
    de: 'Nur die zuständige Person oder die Koordination erfasst einen Widerruf.',
    en: "Only the plan's manager or a coordinator records a withdrawal.",
  },
  'consent.not_applicable': {
    status: 400,
    de: 'Einwilligungen gibt es nur bei Integrationsplänen.',
    en: 'Consent applies to integration plans only.',
  },
  'consent.not_given': {
    status: 409,
    de: 'Für diesen Zweck liegt keine Einwilligung vor.',
    en: 'There is no consent for this purpose.',
  },
  'consent.unknown_sharing': {
    status: 400,
    de: 'Diese Einwilligung zur Weitergabe gibt es nicht.',
    en: 'There is no such sharing consent.',
  },
  'consent.health_required': {
    status: 400,
    de: 'Gesundheitsdaten brauchen eine Einwilligung.',
    en: 'Health data needs consent.',
  },
  'consent.use_withdrawal_action': {
    status: 400,
    de: 'Ein Widerruf wird über „Einwilligung widerrufen“ erfasst.',
    en: 'Record a withdrawal with the withdraw-consent action.',
  },
  'access_log.not_found': {
    status: 404,
    de: 'Das Zugriffsprotokoll wurde nicht gefunden.',
    en: 'Access log not found.',
  },
  'document.not_found': {
    status: 404,
    de: 'Für diesen Vorgang gibt es dieses Dokument nicht.',
    en: 'There is no such document for this case.',
  },
  'document.forbidden': {
    status: 403,
    de: 'Nur die zuständige Integrationsmanagerin oder der zuständige Integrationsmanager und die Koordination drucken den Plan.',
    en: "Only the plan's manager or a coordinator prints it.",
  },
  'document.bad_revision': {
    status: 400,
    de: 'Die Fassung muss eine Nummer oder „working“ sein.',
    en: 'The revision must be a number or "working".',
  },
  'document.bad_language': {
    status: 400,
    de: 'Die Sprache muss ein Sprachcode wie de, ar oder uk sein.',
    en: 'The language must be a language code such as de, ar or uk.',
  },
  'document.language_unavailable': {
    status: 400,
    de: 'Die Texte des Plans gibt es in dieser Sprache nicht.',
    en: "The plan's texts do not exist in this language.",
  },
  'export.forbidden': {
    status: 403,
    de: 'Ihre Rolle darf das nicht exportieren.',
    en: 'Your role may not export this.',
  },
  'export.not_applicable': {
    status: 400,
    de: 'Eine Auskunft gibt es nur zu Integrationsplänen.',
    en: 'The export applies to integration plans only.',
  },

  // Directory and reports
  'profile.forbidden': {
    status: 403,
    de: 'Die Stammdaten pflegen nur die Nutzerinnen und Nutzer der Kommune selbst.',
    en: "Only the municipality's own users keep its profile.",
  },
  'profile.changed': {
    status: 412,
    de: 'Die Stammdaten wurden inzwischen geändert. Bitte laden Sie sie neu; Ihre Eingaben bleiben im Formular.',
    en: 'The profile was changed meanwhile. Please reload it; what you typed stays in the form.',
  },
  'profile.version_required': {
    status: 428,
    de: 'Die zuletzt gelesene Fassung der Stammdaten (If-Match) fehlt.',
    en: 'If-Match with the version of the profile you last read is required.',
  },
  'organisation.not_found': {
    status: 404,
    de: 'Die Organisation wurde nicht gefunden.',
    en: 'Organisation not found.',
  },
  'users.forbidden': {
    status: 403,
    de: 'Ihre Rolle darf keine Personen auflisten.',
    en: 'Your role may not list users.',
  },
  'users.manage_forbidden': {
    status: 403,
    de: 'Ihre Rolle darf keine Personen einladen oder ändern.',
    en: 'Your role may not invite or change users.',
  },
  'users.role_not_grantable': {
    status: 403,
    de: 'Diese Rolle dürfen Sie nicht vergeben.',
    en: 'You may not grant this role.',
  },
  'users.other_organisation': {
    status: 403,
    de: 'Sie dürfen nur Personen Ihrer eigenen Organisation verwalten.',
    en: 'You may only manage users of your own organisation.',
  },
  'users.own_organisation': {
    status: 403,
    de: 'Ihre eigene Organisation können Sie nicht ändern.',
    en: 'You cannot change your own organisation.',
  },
  'users.own_account': {
    status: 403,
    de: 'Sie können sich nicht selbst deaktivieren oder Ihre eigene Rolle erhöhen.',
    en: 'You cannot deactivate yourself or raise your own role.',
  },
  'users.last_admin': {
    status: 409,
    de: 'Die letzte aktive Administration kann nicht entfernt oder deaktiviert werden.',
    en: 'The last active admin cannot be removed or deactivated.',
  },
  'users.exists': {
    status: 409,
    de: 'Dieser Anmeldename oder diese E-Mail-Adresse ist schon vergeben.',
    en: 'This sign-in name or e-mail address is taken.',
  },
  'users.not_found': { status: 404, de: 'Diese Person gibt es nicht.', en: 'No such user.' },
  'users.changed': {
    status: 409,
    de: 'Die Person wurde inzwischen geändert. Bitte laden Sie die Seite neu.',
    en: 'The user was changed meanwhile. Please reload.',
  },
  'users.audit_forbidden': {
    status: 403,
    de: 'Nur die Administration sieht das Änderungsprotokoll.',
    en: 'Only admins see the change log.',
  },
  'report.forbidden': {
    status: 403,
    de: 'Ihre Rolle sieht keine Kennzahlen.',
    en: 'Your role sees no key figures.',
  },
  'report.unknown_org': {
    status: 400,
    de: 'Diese Organisation ist nicht bekannt.',
    en: 'Unknown organisation.',
  },
  'submission.unparsed': {
    status: 400,
    de: 'Dieser Wert ist noch keine gültige Angabe. Bitte korrigieren Sie ihn.',
    en: 'This value is not valid yet. Please correct it.',
  },
  'key_figure_report.not_found': {
    status: 404,
    de: 'Diesen Kennzahlenbericht gibt es nicht.',
    en: 'There is no such key-figure report.',
  },
  'key_figure_report.forbidden': {
    status: 403,
    de: 'Ihre Rolle bestätigt oder sieht diese Kennzahlenberichte nicht.',
    en: 'Your role neither confirms nor sees these key-figure reports.',
  },
  'key_figure_report.already_confirmed': {
    status: 409,
    de: 'Die Kennzahlen dieses Jahres sind bereits bestätigt.',
    en: 'The key figures of this year are confirmed already.',
  },
  'key_figure_report.year_open': {
    status: 409,
    de: 'Das Jahr ist noch nicht abgeschlossen; seine Kennzahlen werden ab dem 1. Januar bestätigt.',
    en: 'The year is not over yet; its key figures are confirmed from 1 January.',
  },
  'key_figure_report.year_invalid': {
    status: 400,
    de: 'Für dieses Jahr sind noch keine Kennzahlenberichte fällig.',
    en: 'No key-figure reports are due for this year yet.',
  },
  'figures.plan_invalid': {
    status: 422,
    de: 'Aus dem Plan lassen sich keine Kennzahlen bilden.',
    en: 'No key figures can be derived from the plan.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CATALOGUE, code);

/** Every status a code comes with. */
export const statusesOf = (code: ErrorCode): readonly number[] => {
  const entry: CatalogueEntry = ERROR_CATALOGUE[code];
  return [entry.status, ...(entry.also ?? [])];
};

/** The catalogue's message for a code in the language asked for, if the code is known. */
export function errorMessage(code: string, language: 'de' | 'en'): string | undefined {
  return isErrorCode(code) ? ERROR_CATALOGUE[code][language] : undefined;
}
