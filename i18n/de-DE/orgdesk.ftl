app-name = Orgdesk

# Anmeldung
signin-title = Bei Orgdesk anmelden
signin-platform = Adresse der Plattform
signin-platform-hint = https://plattform.example oder https://acme.plattform.example
signin-email = E-Mail
signin-password = Passwort
signin-submit = Anmelden
signin-local = Plattform auf diesem Computer verwenden
signin-local-starting = Die Plattform auf diesem Computer wird gestartet…
signin-local-ready = Eine Plattform läuft auf diesem Computer unter { $url }.
signin-demo = Demo-Organisation öffnen
signin-demo-seeding = Die Demo-Organisation mit { $members } Mitgliedern wird vorbereitet…
signin-working = Anmeldung läuft…
signin-keyring-unavailable = Kein Schlüsselbund verfügbar ({ $reason }): Sie bleiben nur angemeldet, solange Orgdesk geöffnet ist.

# Rahmen
nav-members = Mitglieder
nav-groups = Gruppen
nav-invitations = Einladungen
nav-audit = Protokoll
nav-organization = Organisation
menu-profile = Mein Profil
menu-permissions = Meine Berechtigungen
menu-settings = Einstellungen
menu-sign-out = Abmelden
org-suspended = gesperrt
offline-banner = Offline — Stand { $time }

# Mitglieder
members-search = Name oder E-Mail suchen (Strg+F)
members-filter-all = Alle
members-filter-active = Aktiv
members-filter-suspended = Gesperrt
members-col-name = Name
members-col-email = E-Mail
members-col-status = Status
members-col-groups = Gruppen
members-col-last-login = Letzte Anmeldung
members-count = { $shown } von { $total ->
    [one] einem Mitglied
   *[other] { $total } Mitgliedern
}
members-count-about = { $shown } von etwa { $total } Mitgliedern
members-seats = Plätze: { $used } von { $limit }
members-selected = { $count ->
    [one] eines ausgewählt
   *[other] { $count } ausgewählt
}
members-loading = Mitglieder werden geladen…
members-empty = Kein Mitglied passt.
members-never = nie
status-active = Aktiv
status-suspended = Gesperrt

# Fehler in Worten
error-network = Die Plattform ist nicht erreichbar: { $detail }
error-generic = { $detail }

## Platform refusals in words (one per API error code)
error-code-unauthenticated = Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.
error-code-invalid-credentials = E-Mail-Adresse oder Passwort stimmen nicht.
error-code-too-many-attempts = Zu viele Versuche. Versuchen Sie es in { $seconds } Sekunden erneut.
error-code-password-reset-required = Eine Administratorin oder ein Administrator verlangt ein neues Passwort, bevor es weitergeht.
error-code-weak-password = Dieses Passwort ist zu leicht zu erraten: { $detail }
error-code-email-taken = Es gibt bereits ein Konto mit dieser E-Mail-Adresse.
error-code-invalid-token = Dieser Link ist nicht mehr gültig.
error-code-not-a-member = Sie sind kein Mitglied dieser Organisation.
error-code-membership-suspended = Ihre Mitgliedschaft in dieser Organisation ist gesperrt.
error-code-wrong-organization = Diese Sitzung gehört zu einer anderen Organisation.
error-code-forbidden = Dafür fehlt Ihnen die Berechtigung ({ $detail }).
error-code-permission-escalation = Sie können keine Berechtigungen vergeben, die Sie selbst nicht haben: { $detail }
error-code-last-admin = Damit bliebe die Organisation ohne Administrator.
error-code-builtin-group = Eingebaute Gruppen können nicht umbenannt oder gelöscht werden.
error-code-group-name-taken = Eine Gruppe mit diesem Namen gibt es bereits.
error-code-unknown-permission = Unbekannte Berechtigung: { $detail }
error-code-stale-version = Jemand hat das inzwischen geändert. Es wurde neu geladen; prüfen Sie und versuchen Sie es erneut.
error-code-too-many-changes = Zu viele Änderungen für eine Anfrage: { $detail }
error-code-name-taken = Eine Organisation mit diesem Namen gibt es bereits.
error-code-subdomain-taken = Diese Subdomain ist vergeben.
error-code-org-pending-payment = Diese Organisation wartet auf ihre erste Zahlung.
error-code-seat-limit-reached = Alle Plätze des Tarifs sind belegt. Geben Sie zuerst einen Platz frei oder kaufen Sie weitere.
error-code-member-suspended = Dieses Mitglied ist gesperrt.
error-code-cannot-suspend-self = Sie können sich nicht selbst sperren.
error-code-already-member = Diese Person ist bereits Mitglied.
error-code-invitation-pending = An diese Adresse ist bereits eine Einladung unterwegs.
error-code-invalid-email = Das ist keine gültige E-Mail-Adresse.
error-code-duplicate = Diese Adresse kommt mehrfach vor.
error-code-invitation-unusable = Diese Einladung kann nicht mehr verwendet werden.
error-code-org-suspended = Diese Organisation ist gesperrt.
error-code-unsupported-image = Verwenden Sie ein PNG-, JPEG- oder WebP-Bild.
error-code-image-too-large = Das Bild ist zu groß: { $detail }
error-code-invalid-phone = Das ist keine gültige Telefonnummer.
error-code-already-paid = Diese Organisation ist bereits bezahlt.
error-code-not-found = Das gibt es nicht (mehr).
error-code-validation-failed = Einige Felder sind zu prüfen: { $detail }
error-code-payload-too-large = Das ist zu groß zum Senden.
error-code-service-unavailable = Die Plattform ist ausgelastet. Versuchen Sie es gleich noch einmal.
error-code-internal-error = Auf der Plattform ist ein Fehler aufgetreten. Versuchen Sie es erneut; tritt er weiter auf, informieren Sie den Betrieb.

## Dialogs
dialog-cancel = Abbrechen
dialog-close = Schließen

## Member details
member-loading = Die Angaben zum Mitglied werden geladen…
member-refresh = Aktualisieren
member-refreshing = Wird aktualisiert…
member-working = Wird ausgeführt…
member-tab-general = Allgemein
member-tab-contact = Kontakt
member-tab-groups = Mitglied von ({ $count })
member-tab-sessions = Sitzungen
member-tab-permissions = Berechtigungen
member-tab-permissions-count = Berechtigungen ({ $count })
member-field-name = Name
member-field-status = Status
member-field-password = Passwort
member-field-job-title = Position
member-field-department = Abteilung
member-field-joined = Beigetreten
member-field-last-login = Letzte Anmeldung
member-field-updated = Zuletzt geändert
member-field-email = E-Mail
member-field-phone = Telefon
member-field-address = Adresse
member-status-active-since = Aktiv seit { $time }
member-status-suspended-since = Gesperrt seit { $time }
member-reset-pending = Ein Zurücksetzen steht aus: Bei der nächsten Anmeldung muss ein neues Passwort gewählt werden.
member-not-given = nicht angegeben
member-never = nie
member-email-verified = bestätigt
member-email-unverified = noch nicht bestätigt
member-col-group = Gruppe
member-col-product = Produkt
member-col-description = Beschreibung
member-product-platform = Plattform
member-group-builtin = Eingebaut
member-group-custom = Eigene
member-groups-empty = { $name } ist in keiner Gruppe.
member-groups-names-only = Produkte und Beschreibungen werden nicht angezeigt: { $reason }
member-col-signed-in = Angemeldet
member-col-last-seen = Zuletzt aktiv
member-col-ip = IP-Adresse
member-col-location = Ort
member-col-device = Gerät
member-col-ended = Beendet
member-session-open = noch offen
member-session-unknown = unbekannt
session-private-network = Privates Netz
member-sessions-empty = Noch keine Anmeldungen.
member-sessions-count = { $shown } von { $total ->
    [one] einer Anmeldung
   *[other] { $total } Anmeldungen
}
member-sessions-more = Mehr laden
member-permissions-empty = { $name } hat hier keine Berechtigung.
member-permissions-suspended = Gesperrte Mitglieder haben keine Berechtigungen.
member-granted-by = Erteilt durch { $groups }
member-suspend = Sperren
member-reactivate = Reaktivieren
member-sign-out = Aus dieser Organisation abmelden
member-sign-out-title = { $name } aus dieser Organisation abmelden?
member-sign-out-body = Die Sitzungen von { $name } in dieser Organisation enden, und ihre übrigen Sitzungen gelten hier nicht mehr. Andere Organisationen und das Passwort bleiben unberührt: Zurücksetzen kann es nur die Organisation, die das Konto verwaltet.
member-sign-out-done = { $name } wurde aus dieser Organisation abgemeldet.
member-field-account = Konto
member-account-managed = Von dieser Organisation verwaltet (ihre bestätigte Domain)
member-account-not-managed = Nicht von dieser Organisation verwaltet: Sie sehen nur, was hier geschieht
member-contact-not-managed = Telefon, Adresse, Position und Abteilung sieht nur die Organisation, die dieses Konto verwaltet.
member-contact-needs-permission = Telefon, Adresse, Position und Abteilung erfordern die Berechtigung, Kontaktdaten von Mitgliedern zu lesen.
member-force-reset = Passwort zurücksetzen erzwingen
member-suspend-title = { $name } sperren?
member-suspend-body = { $name } verliert den Zugang zu dieser Organisation: Die Sitzungen hier enden bei der nächsten Anfrage, und der Platz wird frei. Das Konto, die Gruppen und die anderen Organisationen bleiben, wie sie sind. Solange ein Platz frei ist, können Sie das Mitglied später reaktivieren.
member-reactivate-title = { $name } reaktivieren?
member-reactivate-body = { $name } erhält wieder Zugang zu dieser Organisation, mit den bisherigen Gruppen und Berechtigungen, und belegt wieder einen Platz. Sind alle Plätze belegt, lehnt die Plattform ab.
member-reset-title = Zurücksetzen des Passworts für { $name } erzwingen?
member-reset-body = { $name } wird jetzt überall abgemeldet und muss bei der nächsten Anmeldung ein neues Passwort wählen. Sie sehen oder setzen das Passwort nie.
member-suspended-done = { $name } ist gesperrt.
member-reactivated-done = { $name } ist wieder aktiv.
member-reset-done = { $name } wurde abgemeldet und muss bei der nächsten Anmeldung ein neues Passwort wählen.
member-offline = Nur lesen: die gespeicherte Fassung vom { $time }. Sperren, Reaktivieren und Zurücksetzen brauchen die Plattform.
## Shell and session
app-starting = Ihre Sitzung wird fortgesetzt…
signin-demo-hint = Legt einmalig eine Demo-Organisation mit einigen tausend Mitgliedern, Gruppen aller Produkte und Anmeldungen von vielen Orten an und meldet Sie als deren Administrator an.
signin-demo-working = Die Demo-Organisation wird vorbereitet…
signin-local-stopped = Die Plattform auf diesem Computer wurde beendet.
signin-demo-failed = Die Demo-Organisation konnte nicht vorbereitet werden: { $detail }
signin-demo-lost = Die Demo-Organisation gibt es bereits, ihr Administratorpasswort liegt aber in einem anderen Schlüsselbund. Melden Sie sich als { $email } mit dem von Ihnen gesetzten Passwort an.
signin-local-failed = Die Plattform auf diesem Computer konnte nicht starten: { $detail }
org-choose = Organisation wählen
offline-copy-saved = Offline-Kopie: { $members } Mitglieder.
offline-copy-discarded = Die Offline-Kopie war beschädigt oder verändert und wurde ersetzt ({ $members } Mitglieder).
offline-copy-failed = Die Offline-Kopie konnte nicht aktualisiert werden: { $detail }
offline-copy-tampered = Die Offline-Kopie war beschädigt oder verändert und wurde verworfen.
offline-syncing = Offline-Kopie der Mitglieder wird gespeichert
offline-sync-cancelled = Offline-Kopie nicht aktualisiert: abgebrochen. Die vorige Kopie bleibt unverändert.
offline-retry = Erneut versuchen
offline-unavailable = Offline nicht verfügbar. Verbinden Sie sich wieder mit der Plattform, um das zu nutzen.

## Change password
password-title = Neues Passwort wählen
password-why = Eine Administratorin oder ein Administrator verlangt ein neues Passwort. Bis dahin ist mit diesem Konto nichts anderes möglich.
password-current = Aktuelles Passwort
password-new = Neues Passwort
password-repeat = Neues Passwort wiederholen
password-submit = Passwort ändern
password-too-short = Das neue Passwort braucht mindestens { $min } Zeichen.
password-mismatch = Die beiden neuen Passwörter stimmen nicht überein.
password-same = Das neue Passwort muss sich vom aktuellen unterscheiden.
password-changing = Das Passwort wird geändert…
password-changed = Ihr Passwort ist geändert. Ihre anderen Sitzungen sind abgemeldet: Melden Sie sich dort mit dem neuen Passwort wieder an.
password-length = Verwenden Sie { $min } bis { $max } Zeichen.
password-current-wrong = Das aktuelle Passwort ist falsch.
password-weak = Die Plattform lehnt dieses Passwort als zu leicht zu erraten ab: { $reason }

## Activity pane
activity-title = Aktivität
activity-show = Aktivität
activity-hide = Aktivität ausblenden
activity-clear = Leeren
activity-empty = Hier erscheinen die Anfragen, die Orgdesk stellt.
activity-no-answer = —
activity-copied = Kopiert
activity-copy-curl = Als curl kopieren
activity-duration = { $ms } ms

## Settings
settings-title = Einstellungen
settings-language = Sprache
settings-language-system = Wie das System
settings-theme = Darstellung
settings-theme-system = Wie das System
settings-theme-light = Hell
settings-theme-dark = Dunkel
settings-places = Wo Orgdesk Daten ablegt
settings-file = Einstellungsdatei
settings-cache = Offline-Kopien
settings-keyring = Sitzungstoken
settings-keyring-ok = Im Schlüsselbund des Systems.
settings-keyring-missing = Nur im Arbeitsspeicher, bis Orgdesk geschlossen wird: { $detail }
settings-none = —
settings-csv = Tabellen
settings-csv-excel = CSV für Excel
settings-csv-hint = Exportierte CSV-Dateien trennen mit Semikolon und beginnen mit einer Byte-Order-Mark, damit Excel Spalten und Umlaute richtig öffnet. Auf Deutsch standardmäßig an.

## Organization section
org-status-active = Aktiv
org-status-pending-payment = Wartet auf Zahlung
org-status-suspended = Gesperrt
org-subdomain = Subdomain
org-status = Status
org-country = Land
org-address = Adresse
org-billing-email = Rechnungs-E-Mail
org-vat = USt-IdNr.
org-none = keine
org-products = Produkte
org-seats = Plätze
org-created = Angelegt
org-create = Neue Organisation anlegen
org-yours = Ihre Organisationen
org-none-yet = Sie sind noch in keiner Organisation Mitglied. Legen Sie eine an, um zu beginnen.
org-membership-suspended = Ihre Mitgliedschaft hier ist gesperrt.
org-your-groups = Ihre Gruppen: { $groups }
org-in-view = Angezeigt
org-open = Öffnen
## New organization wizard
wizard-title = Neue Organisation
wizard-progress = Schritt { $current } von { $total }: { $step }
wizard-step-name = Firmenname
wizard-step-details = Angaben
wizard-step-products = Produkte
wizard-step-overview = Übersicht
wizard-step-payment = Zahlung
wizard-step-done = Fertig
wizard-back = Zurück
wizard-continue = Weiter
wizard-cancel = Abbrechen und verlassen
wizard-close = Schließen
wizard-retry = Erneut versuchen
wizard-checking = Wird geprüft …
wizard-locked = Die Organisation wurde mit diesen Angaben angelegt und wartet auf ihre Zahlung. Geändert werden können sie in ihren Einstellungen, sobald sie bezahlt ist.
wizard-name-label = Firmenname
wizard-name-placeholder = z. B. Acme GmbH
wizard-name-hint = So erscheint Ihre Organisation bei ihren Mitgliedern und auf Rechnungen.
wizard-name-available = Dieser Name ist frei.
wizard-name-taken = Eine Organisation namens „{ $name }“ gibt es bereits. Wählen Sie einen anderen Namen.
wizard-name-taken-now = Gerade hat jemand eine Organisation mit diesem Namen angelegt. Wählen Sie einen anderen Namen.
wizard-name-invalid = Verwenden Sie 1 bis 200 Zeichen, darunter Buchstaben oder Ziffern.
wizard-subdomain-label = Subdomain
wizard-subdomain-placeholder = z. B. acme
wizard-subdomain-available = „{ $subdomain }“ ist frei.
wizard-subdomain-taken = „{ $subdomain }“ ist vergeben oder reserviert.
wizard-subdomain-taken-now = Gerade hat jemand diese Subdomain belegt. Wählen Sie eine andere.
wizard-subdomain-characters = Verwenden Sie nur Kleinbuchstaben a–z, Ziffern und Bindestriche.
wizard-subdomain-length = Verwenden Sie 3 bis 63 Zeichen.
wizard-subdomain-hyphen = Eine Subdomain darf nicht mit einem Bindestrich beginnen oder enden.
wizard-subdomain-punycode = Eine Subdomain darf an dritter und vierter Stelle keine zwei Bindestriche haben.
wizard-subdomain-id = Eine Subdomain darf nicht wie die Kennung einer Organisation aussehen.
wizard-subdomain-invalid = Diese Subdomain ist nicht möglich: { $detail }
wizard-subdomain-suggestions = Stattdessen frei:
wizard-country-label = Land
wizard-country-placeholder = Zum Suchen eines Landes tippen
wizard-country-required = Wählen Sie das Land, in dem die Organisation registriert ist.
wizard-vat-label = USt-IdNr. (optional)
wizard-vat-placeholder = z. B. DE123456789
wizard-vat-hint = Unternehmen in der EU außerhalb des Landes der Plattform zahlen mit gültiger USt-IdNr. hier keine Umsatzsteuer (Reverse-Charge).
wizard-vat-prefix = Eine USt-IdNr. dieses Landes beginnt mit { $prefix }.
wizard-vat-format = Diese USt-IdNr. hat nicht das Format des Landes: { $detail }
wizard-vat-checksum = Die Prüfziffern dieser USt-IdNr. stimmen nicht. Prüfen Sie sie auf Tippfehler.
wizard-address-label = Anschrift
wizard-address-placeholder = Straße, Postleitzahl, Ort
wizard-address-invalid = Geben Sie die Anschrift ein, höchstens 500 Zeichen.
wizard-billing-email-label = E-Mail-Adresse für Rechnungen
wizard-catalog-loading = Die Produkte werden geladen …
wizard-products-hint = Wählen Sie für jedes Produkt, das Ihre Organisation braucht, ein Paket. Plätze sind die Zahl der Mitglieder und offenen Einladungen, die die Organisation haben kann.
wizard-product-groups = Bringt die Gruppen { $groups } mit
wizard-product-remove = Dieses Produkt entfernen
wizard-package-seats = { $seats ->
    [one] ein Platz
   *[other] { $seats } Plätze
}
wizard-package-price = { $price } im Monat
wizard-package-sales = Vertrieb kontaktieren
wizard-package-contact-sales = Dieses Paket gibt es nur über ein Angebot des Vertriebs.
wizard-sales-hint = Sie brauchen mehr oder etwas Besonderes?
wizard-contact-sales = Individuelles Angebot beim Vertrieb anfragen
wizard-create-title = Diese Organisation anlegen?
wizard-create-body = { $name } wird mit der Subdomain { $subdomain } und den gewählten Produkten angelegt, und Sie werden ihr Administrator. Bis zur ersten Zahlung kann niemand sie nutzen; der nächste Schritt zeigt den Preis. Name und Subdomain sind ab jetzt für Sie reserviert.
wizard-create-action = Organisation anlegen
wizard-creating = Wird angelegt …
wizard-overview-subdomain = Subdomain: { $subdomain }
wizard-overview-billing = Rechnungen gehen an { $email }
wizard-overview-vat-id = USt-IdNr.: { $vat_id }
wizard-overview-none = Für diese Organisation ist nichts zu zahlen.
wizard-overview-waiting = Die Organisation wird aktiv, sobald die Zahlung eingegangen ist.
wizard-net = Netto
wizard-vat = USt. ({ $rate } %)
wizard-reverse-charge = Reverse-Charge: Es wird keine Umsatzsteuer berechnet; die Steuerschuld liegt bei Ihnen als Leistungsempfänger.
wizard-total = Gesamt
wizard-billed-monthly = Monatliche Abrechnung; der erste Monat ist jetzt fällig.
wizard-pay = Zur Zahlung
wizard-decimal-separator = ,
wizard-money = { $amount } { $symbol }
wizard-payment-opening = Der Bezahlvorgang wird geöffnet …
wizard-payment-open = Bezahlseite öffnen
wizard-payment-waiting = Warten auf Ihre Zahlung von { $total } …
wizard-payment-waiting-hint = Die Bezahlseite wurde in Ihrem Browser geöffnet. Bezahlen Sie dort; diese Seite geht von selbst weiter, sobald die Zahlung eingegangen ist.
wizard-payment-no-browser = Der Browser ließ sich nicht öffnen ({ $reason }). Öffnen Sie diese Adresse selbst:
wizard-payment-copy = Adresse kopieren
wizard-payment-check = Ich habe bezahlt: jetzt prüfen
wizard-payment-reopen = Bezahlseite erneut öffnen
wizard-payment-cancel = Nicht mehr warten
wizard-payment-declined-hint = Versuchen Sie es auf der Bezahlseite mit einer anderen Karte, oder öffnen Sie sie erneut.
wizard-payment-trouble = Die Zahlung ließ sich gerade nicht prüfen ({ $reason }). Es wird weiter versucht.
wizard-payment-cancelled = Die Zahlung wurde nicht abgeschlossen.
wizard-payment-cancelled-hint = Die Organisation wartet auf ihre Zahlung. Sie können jetzt bezahlen oder später aus Ihrer Liste der Organisationen.
wizard-payment-retry = Jetzt bezahlen
wizard-declined-card = Die Zahlung wurde abgelehnt: Die Bank hat die Karte abgelehnt.
wizard-declined-unsupported = Die Zahlung wurde abgelehnt: Diese Karte wird nicht angenommen.
wizard-declined-other = Die Zahlung wurde abgelehnt: { $reason }
wizard-declined-unknown = Die Zahlung wurde abgelehnt.
wizard-done-title = { $name } ist bereit.
wizard-done-hint = Die Zahlung ist eingegangen und die Organisation ist aktiv. Sie sind ihr Administrator: Laden Sie Ihr Team unter Mitglieder ein.
wizard-done-open = { $name } öffnen
wizard-quote-title = Individuelles Angebot beim Vertrieb anfragen
wizard-quote-intro = Sagen Sie uns, was Sie brauchen; unser Vertrieb antwortet mit einem Angebot.
wizard-quote-name = Ihr Name
wizard-quote-email = Ihre E-Mail-Adresse
wizard-quote-company = Firma
wizard-quote-products = Produkte
wizard-quote-seats = Plätze
wizard-quote-message = Was wir noch wissen sollten (optional)
wizard-quote-send = Anfrage senden
wizard-quote-sending = Wird gesendet …
wizard-quote-seats-invalid = Geben Sie eine Zahl von Plätzen zwischen 1 und 10.000.000 ein.
wizard-quote-products-required = Wählen Sie mindestens ein Produkt.
wizard-quote-message-too-long = Verwenden Sie höchstens 5000 Zeichen.
wizard-quote-text-invalid = Verwenden Sie 1 bis 200 Zeichen.
wizard-quote-sent-title = Ihre Anfrage ist bei unserem Vertrieb angekommen.
wizard-quote-sent-hint = Mit dieser Anfrage wurde keine Organisation angelegt; der Vertrieb richtet sie mit Ihnen ein.
org-pay = Jetzt bezahlen
## Invitations
invitations-filter-all = Alle
invitations-status-pending = Offen
invitations-status-accepted = Angenommen
invitations-status-revoked = Zurückgezogen
invitations-status-expired = Abgelaufen
invitations-seats = Plätze: { $used } von { $limit }
invitations-invite = Personen einladen…
invitations-col-email = E-Mail
invitations-col-groups = Gruppen
invitations-col-status = Status
invitations-col-sent = Gesendet
invitations-col-expires = Läuft ab
invitations-col-access-ends = Zugang endet
invitations-accepted-at = angenommen { $time }
invitations-loading = Einladungen werden geladen…
invitations-empty = Hier gibt es keine Einladung.
invitations-count = { $total ->
    [one] { $shown } von 1 Einladung
   *[other] { $shown } von { $total } Einladungen
}
invitations-resend = Erneut senden
invitations-renew = Erneuern
invitations-revoke = Zurückziehen
invitations-working = Einen Moment…
invitations-resend-title = Einladung erneut senden?
invitations-resend-body = { $email } erhält einen neuen Link, der 7 Tage gilt. Der am { $sent } gesendete Link funktioniert ab sofort nicht mehr.
invitations-renew-title = Abgelaufene Einladung erneuern?
invitations-renew-body = Die Einladung an { $email } ist am { $expired } abgelaufen. Beim Erneuern geht ein neuer Link hinaus, der 7 Tage gilt, und er belegt wieder einen Platz, bis er angenommen oder zurückgezogen wird.
invitations-revoke-title = Einladung zurückziehen?
invitations-revoke-body = Der an { $email } gesendete Link funktioniert ab sofort nicht mehr, und der Platz, den er belegt, wird frei. Sie können die Adresse später wieder einladen.
invitations-resent = { $email } hat einen neuen Link erhalten; der alte funktioniert nicht mehr.
invitations-revoked = Die Einladung an { $email } ist zurückgezogen; ihr Platz ist wieder frei.
invitations-change-failed = Für { $email } hat sich nichts geändert: { $reason }
invitations-invite-title = Personen einladen
invitations-addresses-label = E-Mail-Adressen: fügen Sie eine Liste ein (durch Kommas, Leerzeichen oder Zeilen getrennt) oder übernehmen Sie eine CSV-Datei mit einer E-Mail-Spalte.
invitations-addresses-placeholder = ada@example.com, bob@example.com
invitations-choose-csv = Aus CSV-Datei übernehmen…
invitations-csv-read = { $count ->
    [one] Eine Adresse
   *[other] { $count } Adressen
} aus { $file } übernommen.
invitations-csv-empty = { $file } enthält keine E-Mail-Adressen.
invitations-csv-unreadable = { $file } lässt sich nicht lesen: { $reason }
invitations-count-addresses = { $count ->
    [0] Noch keine Adresse
    [one] Eine Adresse
   *[other] { $count } Adressen
}
invitations-count-malformed = { $count ->
    [one] eine ist keine E-Mail-Adresse
   *[other] { $count } sind keine E-Mail-Adressen
}
invitations-count-repeated = { $count ->
    [one] eine steht doppelt in der Liste
   *[other] { $count } sind Wiederholungen
}
invitations-seats-would-use = Belegt bis zu { $count ->
    [one] einen Platz
   *[other] { $count } Plätze
}; { $free } von { $limit } sind frei.
invitations-seats-short = { $free ->
    [0] Kein Platz ist frei
    [one] Nur ein Platz ist frei
   *[other] Nur { $free } Plätze sind frei
}: { $refused ->
    [one] eine neue Adresse würde
   *[other] { $refused } neue Adressen würden
} abgelehnt. Ziehen Sie zuerst offene Einladungen zurück oder kaufen Sie weitere Plätze.
invitations-groups-label = Sie treten diesen Gruppen bei:
invitations-groups-default = Sie treten der Gruppe User bei (die Gruppen ließen sich nicht lesen).
invitations-need-addresses = Fügen Sie mindestens eine Adresse hinzu.
invitations-too-many = Höchstens { $max } Adressen auf einmal.
invitations-need-group = Wählen Sie mindestens eine Gruppe.
invitations-until-label = Zugang endet am (optional)
invitations-until-hint = JJJJ-MM-TT
invitations-until-none = Ohne Datum gilt der Zugang, bis ihn jemand entfernt.
invitations-until-effect = Ihre Gruppenmitgliedschaften enden mit Beginn dieses Tages (UTC); danach gewähren sie nichts mehr.
invitations-until-unreadable = Schreiben Sie das Datum als JJJJ-MM-TT, zum Beispiel 2027-01-31.
invitations-until-past = Der Zugang muss in der Zukunft enden: wählen Sie einen späteren Tag.
invitations-send = { $count ->
    [one] Eine Einladung senden
   *[other] { $count } Einladungen senden
}
invitations-sending = Wird gesendet…
invitations-results-title = Einladungen gesendet
invitations-results-summary = { $invited } eingeladen · { $added } mit sofortigem Zugang · { $failed } nicht eingeladen
invitations-invite-more = Weitere einladen
invitations-done = Fertig
invitations-result-invited = Eingeladen: ein Link, der 7 Tage gilt, ist unterwegs.
invitations-result-added = Hat bereits ein Konto: Zugang sofort erteilt, und eine Benachrichtigung wurde gesendet.
invitations-result-invalid-email = Nicht eingeladen: das ist keine E-Mail-Adresse.
invitations-result-duplicate = Nicht noch einmal eingeladen: die Adresse steht mehrfach in der Liste.
invitations-result-already-member = Nicht eingeladen: bereits Mitglied dieser Organisation.
invitations-result-member-suspended = Nicht eingeladen: ein gesperrtes Mitglied. Reaktivieren Sie es stattdessen unter Mitglieder.
invitations-result-pending = Nicht eingeladen: eine Einladung wartet bereits. Senden Sie diese erneut.
invitations-result-seat-limit = Nicht eingeladen: im Tarif ist kein Platz mehr frei.
invitations-result-escalation = Nicht eingeladen: die gewählten Gruppen gewähren Berechtigungen, die Sie selbst nicht haben.
invitations-result-unknown-group = Nicht eingeladen: eine gewählte Gruppe gibt es nicht mehr.
invitations-result-other = Nicht eingeladen: { $reason }

## Audit log
audit-actor-placeholder = Akteur: E-Mail, Name oder ID
audit-target-placeholder = Ziel: E-Mail, Name oder ID
audit-days = Tage (UTC):
audit-from-placeholder = von JJJJ-MM-TT
audit-to-placeholder = bis JJJJ-MM-TT
audit-apply = Anwenden
audit-clear = Filter zurücksetzen
audit-export = Als CSV exportieren…
audit-exporting = Wird exportiert…
audit-export-title = Protokoll exportieren
audit-exported = { $count ->
    [one] Ein Eintrag
   *[other] { $count } Einträge
} nach { $path } exportiert.
audit-export-failed = Der Export ist fehlgeschlagen: { $reason }
audit-file-failed = die Datei ließ sich nicht schreiben ({ $reason })
audit-date-invalid = „{ $text }“ ist kein Tag: schreiben Sie ihn als JJJJ-MM-TT, z. B. 2025-11-07.
audit-range-reversed = Der erste Tag liegt nach dem letzten.
audit-nobody = Niemand in dieser Organisation passt zu „{ $who }“.
audit-several = „{ $who }“ passt zu mehreren Mitgliedern: geben Sie die ganze E-Mail-Adresse ein.
audit-loading = Protokoll wird geladen…
audit-empty = Kein Eintrag passt zu diesen Filtern.
audit-count = { $total ->
    [one] { $shown } von 1 Eintrag
   *[other] { $shown } von { $total } Einträgen
}
audit-col-time = Zeit (UTC)
audit-col-actor = Akteur
audit-col-action = Aktion
audit-col-target = Ziel
audit-col-details = Details
audit-col-from = Von
audit-actor-platform = Die Plattform
audit-former-member = ein ehemaliges Mitglied
audit-target-group = Gruppe { $name }
audit-target-invitation = Einladung für { $email }
audit-target-org = die Organisation
audit-actions-any = Alle Aktionen
audit-actions-invitations = Alle Einladungsaktionen
audit-actions-members = Alle Mitgliederaktionen
audit-actions-groups = Alle Gruppenaktionen
audit-actions-domains = Alle Domain-Aktionen
audit-action-member-auto-join = Über die bestätigte Domain beigetreten
audit-action-member-leave = Mitglied ausgetreten
audit-action-member-sign-out = Aus dieser Organisation abgemeldet
audit-action-domain-claim = Domain beansprucht
audit-action-domain-verify = Domain bestätigt
audit-action-domain-delete = Domain aufgegeben
audit-detail-auto-joined = { $email }, neu registriert unter { $domain }
audit-detail-signed-out = { $count ->
    [one] eine Sitzung gilt hier nicht mehr
   *[other] { $count } Sitzungen gelten hier nicht mehr
}
audit-detail-accepted-taken-over = { $email }, dessen Postfach ein unbestätigtes Konto übernommen hat
audit-detail-permissions-added = { $count ->
    [one] { $list } hinzugefügt
   *[other] { $count } Berechtigungen hinzugefügt: { $list }
}
audit-detail-permissions-removed = { $count ->
    [one] { $list } entfernt
   *[other] { $count } Berechtigungen entfernt: { $list }
}
audit-actions-org = Alle Organisationsaktionen
audit-action-invitation-create = Einladung gesendet
audit-action-invitation-resend = Einladung erneut gesendet
audit-action-invitation-revoke = Einladung zurückgezogen
audit-action-invitation-accept = Einladung angenommen
audit-action-member-add = Mitglied hinzugefügt
audit-action-member-suspend = Mitglied gesperrt
audit-action-member-reactivate = Mitglied reaktiviert
audit-action-member-force-password-reset = Passwortwechsel erzwungen
audit-action-group-create = Gruppe angelegt
audit-action-group-update = Gruppe geändert
audit-action-group-delete = Gruppe gelöscht
audit-action-group-members-change = Gruppenmitglieder geändert
audit-action-org-create = Organisation angelegt
audit-action-org-update = Organisationsdaten geändert
audit-action-org-paid = Zahlung eingegangen
member-col-ends = Endet
expiry-until = bis { $date }
expiry-in-days = { $days ->
    [one] endet in { $days } Tag
   *[other] endet in { $days } Tagen
}
expiry-today = endet heute
expiry-ended = beendet
members-filter-expiring = Endet in { $days } Tagen
members-filter-inactive = Inaktiv seit { $days }+ Tagen
members-extend = Verlängern bis…
members-suspend-selected = Auswahl sperren
bulk-title-extend = { $count ->
    [one] Zugang eines Mitglieds verlängern
   *[other] Zugang von { $count } Mitgliedern verlängern
}
bulk-choose-extend = Wählen Sie die Gruppen, deren Mitgliedschaften das neue Enddatum erhalten: jedes Mitglied behält nur die Gruppen, in denen es ist.
bulk-until = Endet am (optional)
bulk-until-required = Neues Enddatum
bulk-until-bad = Schreiben Sie das Datum als JJJJ-MM-TT, zum Beispiel 2027-01-31.
bulk-change-end = neues Enddatum
bulk-ends-changed = { $count ->
    [one] Das Enddatum einer Mitgliedschaft ändert sich.
   *[other] Die Enddaten von { $count } Mitgliedschaften ändern sich.
}
dormant-title = Inaktive Mitglieder sperren
dormant-checking = Die Plattform prüft, was die Sperrung bewirken würde…
dormant-preview = { $count ->
    [0] Keines der ausgewählten Mitglieder würde gesperrt (sie sind bereits gesperrt).
    [one] Ein Mitglied würde gesperrt; das gibt { $seats } Plätze frei (danach belegt: { $used }).
   *[other] { $count } Mitglieder würden gesperrt; das gibt { $seats } Plätze frei (danach belegt: { $used }).
}
dormant-unchanged = { $count ->
    [0] {""}
    [one] Ein ausgewähltes Mitglied ist bereits gesperrt.
   *[other] { $count } ausgewählte Mitglieder sind bereits gesperrt.
}
dormant-apply = Sperren
dormant-applying = Wird gesperrt…
dormant-done = { $count ->
    [one] Ein Mitglied gesperrt; { $seats } Plätze frei.
   *[other] { $count } Mitglieder gesperrt; { $seats } Plätze frei.
}
nav-governance = Governance
snapshots-title = Berechtigungs-Schnappschüsse
snapshots-name = Name (optional), z. B. Vor der Umstrukturierung im Q3
snapshots-take = Schnappschuss erstellen
snapshots-compare-two = Die zwei gewählten vergleichen
snapshots-compare-now = Mit jetzt vergleichen
snapshots-export = CSV exportieren…
snapshots-loading = Die Schnappschüsse werden geladen…
snapshots-empty = Noch kein Schnappschuss. Ein Schnappschuss hält fest, wer welche Berechtigung über welche Gruppen hat.
snapshots-size = { $members } Mitglieder · { $grants } Berechtigungen
snapshots-taken = Schnappschuss erstellt: { $members } Mitglieder mit { $grants } Berechtigungen.
snapshots-exported = Gespeichert unter { $path }.
snapshots-export-failed = Der Export ist fehlgeschlagen: { $detail }
csv-downloading = Die CSV-Datei wird exportiert …
csv-download-cancelled = Export abgebrochen, bevor er fertig war.
snapshots-comparing = Wird verglichen…
snapshots-now = jetzt
snapshots-diff-title = Änderungen von { $from } bis { $to }
snapshots-diff-none = Niemand hat eine Berechtigung erhalten oder verloren.
snapshots-diff-count = { $count ->
    [one] Die Berechtigungen eines Mitglieds haben sich geändert.
   *[other] Die Berechtigungen von { $count } Mitgliedern haben sich geändert.
}
snapshots-gained = + { $permission } (über { $groups })
snapshots-lost = − { $permission } (war über { $groups })
governance-tab-snapshots = Berechtigungs-Schnappschüsse
governance-tab-reviews = Zugriffsüberprüfungen
reviews-title = Zugriffsüberprüfungen
reviews-loading = Die Zugriffsüberprüfungen werden geladen…
reviews-empty = Noch keine Zugriffsüberprüfung.
reviews-open = Öffnen
reviews-report = Bericht als CSV…
reviews-new = Eine Zugriffsüberprüfung starten
reviews-name = Name, z. B. Zugriffsüberprüfung Q1 2027
reviews-reviewers = E-Mail-Adressen der Prüfenden, durch Kommas getrennt
reviews-due = Fällig am
reviews-groups-hint = Zu prüfende Gruppen (keine gewählt: alle Gruppen)
reviews-start = Überprüfung starten
reviews-started = Zugriffsüberprüfung „{ $name }“ gestartet.
reviews-no-such-reviewer = Kein Mitglied hat die Adresse { $email }.
reviews-back = ← Alle Überprüfungen
reviews-complete = Abschließen
reviews-complete-title = Diese Zugriffsüberprüfung abschließen?
reviews-complete-body = Entfernte Mitgliedschaften: { $revoked }. Mit Enddatum: { $expiring }. Nicht entschieden, bleiben unverändert: { $undecided }. Mitglieder, deren Berechtigungen sich sofort ändern: { $impact }. Das Audit-Protokoll hält dies als Bestätigung fest.
reviews-completed = Abgeschlossen. Entfernte Mitgliedschaften: { $revoked }; mit Enddatum: { $expiring }.
reviews-keep = Behalten
reviews-revoke = Entziehen
reviews-expire = Befristen
reviews-expire-on = Endet { $date }
reviews-undecided = Nicht entschieden
reviews-item = { $group } ({ $permissions }) · hinzugefügt { $added }
reviews-conflict = Dieser Eintrag hat sich geändert, seit Sie ihn gelesen haben: Ihre Entscheidung wurde nicht gespeichert. Sehen Sie ihn erneut an und entscheiden Sie.
reviews-status-open = Offen · { $decided } von { $items } entschieden · fällig { $due }
reviews-status-completed = Abgeschlossen · { $decided } von { $items } entschieden
governance-more = Mehr laden
reviews-offline = Sie arbeiten mit der Offline-Kopie vom { $time }: Ihre Entscheidungen bleiben verschlüsselt hier und werden gesendet, sobald die Plattform wieder erreichbar ist.
reviews-offline-none = Die Offline-Kopie enthält keine Zugriffsüberprüfungen. Sie werden aufbewahrt, solange Sie online sind.
reviews-not-sent = { $decision } — noch nicht gesendet
reviews-unsent = { $count ->
    [one] 1 Entscheidung noch nicht gesendet
   *[other] { $count } Entscheidungen noch nicht gesendet
}
reviews-send = Entscheidungen senden
reviews-sending = Wird gesendet…
reviews-sent = Gesendet: { $recorded } gespeichert, { $conflicts } im Konflikt, { $refused } abgelehnt.
reviews-send-failed = Die Entscheidungen konnten nicht gesendet werden und bleiben für den nächsten Versuch hier: { $detail }
reviews-outbox-failed = Die noch nicht gesendeten Entscheidungen konnten nicht gelesen oder gespeichert werden: { $detail }
reviews-outbox-discarded = Die noch nicht gesendeten Entscheidungen waren beschädigt oder mit einem anderen Schlüssel verschlüsselt und wurden verworfen.
reviews-refused-completed = nicht gespeichert: Die Überprüfung wurde inzwischen abgeschlossen.
reviews-refused-gone = nicht gespeichert: Die Überprüfung oder die Mitgliedschaft gibt es nicht mehr, oder Sie prüfen sie nicht mehr.
reviews-refused-invalid = nicht gespeichert: Die Plattform hat sie abgelehnt (ein Enddatum schon vorbei?).
reviews-dismiss = Verwerfen
reviews-conflict-title = Inzwischen geändert: { $name } · { $email } in { $group }
reviews-theirs = Deren Entscheidung (jetzt auf der Plattform)
reviews-mine = Meine (nicht gespeichert)
reviews-decided-at = { $decision } · entschieden { $time }
reviews-use-mine = Meine verwenden
reviews-keep-theirs = Deren behalten
audit-detail-default-group = der Gruppe User
audit-detail-invited = { $email }, Beitritt zu { $groups }
audit-detail-added = { $email } hatte ein Konto und ist { $groups } sofort beigetreten
audit-detail-accepted-new = { $email }, mit einem neuen Konto
audit-detail-accepted-existing = { $email }, mit dem vorhandenen Konto
audit-detail-group-created = „{ $name }“ mit { $count ->
    [one] einer Berechtigung
   *[other] { $count } Berechtigungen
}
audit-detail-group-deleted = „{ $name }“
audit-detail-renamed = umbenannt in „{ $name }“
audit-detail-description = Beschreibung geändert
audit-detail-permissions = { $count ->
    [0] keine Berechtigungen mehr
    [one] jetzt eine Berechtigung: { $list }
   *[other] jetzt { $count } Berechtigungen: { $list }
}
audit-detail-and-more = { $list } und { $more } weitere
audit-detail-members-changed = { $added } hinzugefügt, { $removed } entfernt
audit-detail-org-created = „{ $name }“ unter { $subdomain }
audit-detail-changed = geändert: { $fields }
audit-detail-paid = { $amount } { $currency }
offline-member-missing = Dieses Mitglied wurde online nicht geöffnet, daher gibt es keine Offline-Kopie seiner Details.
## Mein Profil
profile-title = Mein Profil
profile-loading = Wird geladen…
profile-tab-details = Bild und Angaben
profile-tab-organizations = Organisationen und Gruppen
profile-tab-sign-ins = Letzte Anmeldungen
profile-tab-password = Passwort
profile-picture-title = Profilbild
profile-picture-choose = Bild auswählen…
profile-picture-remove = Bild entfernen
profile-picture-upload = Dieses Bild verwenden
profile-picture-discard = Verwerfen
profile-picture-dialog = Profilbild auswählen
profile-picture-filter = Bilder
profile-picture-reading = Die Datei wird gelesen…
profile-picture-uploading = Das Bild wird hochgeladen…
profile-picture-removing = Das Bild wird entfernt…
profile-picture-saved = Ihr neues Bild ist gespeichert.
profile-picture-removed = Ihr Bild ist entfernt.
profile-picture-chosen = { $name } ({ $size }), noch nicht gespeichert.
profile-picture-squared = So wird es gespeichert: aus der Mitte quadratisch zugeschnitten.
profile-picture-no-preview = Keine Vorschau: Die Datei lässt sich hier nicht als Bild lesen. Die Plattform entscheidet beim Hochladen.
profile-picture-rules = PNG, JPEG oder WebP, höchstens { $limit } und 40 Megapixel.
profile-picture-too-large = Diese Datei hat { $size }; ein Bild darf höchstens { $limit } haben. Wählen Sie ein kleineres.
profile-picture-unreadable = Die Datei lässt sich nicht lesen: { $detail }
profile-picture-remove-title = Ihr Bild entfernen?
profile-picture-remove-body = Ihr Bild wird von der Plattform gelöscht. Alle sehen stattdessen Ihre Initialen, bis Sie ein neues auswählen.
profile-personal-title = Persönliche Angaben
profile-contact-title = Kontaktdaten
profile-field-name = Name
profile-field-job-title = Position
profile-field-department = Abteilung
profile-field-email = E-Mail-Adresse (damit melden Sie sich an)
profile-field-phone = Telefon
profile-field-address = Anschrift
profile-phone-hint = Mit Ländervorwahl, z. B. +49 30 1234567.
profile-email-hint = Wir schicken einen Bestätigungslink an die neue Adresse. Bis er angeklickt ist, melden Sie sich weiter mit { $current } an.
profile-email-pending = Wartet auf Bestätigung: Wir haben einen Link an { $pending } geschickt. Ihre Adresse bleibt { $current }, bis dieser Link angeklickt ist (er gilt 24 Stunden).
profile-email-resend = Link erneut senden
profile-email-keep = { $current } behalten
profile-email-unverified = Diese Adresse ist noch nicht bestätigt: Suchen Sie unsere E-Mail in ihrem Posteingang.
profile-email-resent = Ein neuer Bestätigungslink ist unterwegs an { $email }.
profile-email-withdrawn = Die Änderung ist zurückgenommen: Sie behalten { $email }.
profile-save = Änderungen speichern
profile-revert = Änderungen verwerfen
profile-saving = Wird gespeichert…
profile-saved = Ihre Änderungen sind gespeichert.
profile-saved-email-pending = Ihre Änderungen sind gespeichert. Wir haben einen Bestätigungslink an { $email } geschickt: Ihre Adresse ändert sich, sobald er angeklickt ist.
profile-fix-fields = Einige Felder brauchen Ihre Aufmerksamkeit: Siehe die Hinweise darunter.
profile-error-name = Geben Sie Ihren Namen ein: 1 bis 200 Zeichen.
profile-error-email = Das ist keine E-Mail-Adresse.
profile-error-phone = Diese Telefonnummer kann die Plattform nicht erreichen. Verwenden Sie die internationale Form mit Ländervorwahl, z. B. +49 30 1234567.
profile-error-invalid = Das ist zu lang oder enthält Zeichen, die sich nicht speichern lassen.
profile-orgs-intro = Die Organisationen, denen Sie angehören, und Ihre Gruppen darin: Ihre Berechtigungen dort kommen aus diesen Gruppen.
profile-orgs-none = Sie gehören noch keiner Organisation an.
profile-orgs-groups = Gruppen:
profile-orgs-no-groups = Sie sind hier in keiner Gruppe und haben daher keine Berechtigungen in dieser Organisation.
profile-orgs-suspended = Ihr Zugang ist gesperrt
profile-orgs-pending-payment = wartet auf Zahlung
profile-orgs-org-suspended = Organisation gesperrt
profile-sessions-summary = { $count ->
    [one] Eine Anmeldung in den letzten { $days } Tagen.
   *[other] { $count } Anmeldungen in den letzten { $days } Tagen.
}
profile-sessions-chart-title = Anmeldungen pro Tag
profile-sessions-chart-summary = { $count ->
    [one] Eine Anmeldung insgesamt
   *[other] { $count } Anmeldungen insgesamt
}, höchstens { $most } an einem Tag.
profile-sessions-day = { $day }: { $count ->
    [one] eine Anmeldung
   *[other] { $count } Anmeldungen
}
profile-sessions-col-signed-in = Angemeldet
profile-sessions-col-last-seen = Zuletzt aktiv
profile-sessions-col-ip = IP-Adresse
profile-sessions-col-location = Ort
profile-sessions-col-device = Gerät
profile-sessions-col-status = Status
profile-sessions-current = Diese Sitzung
profile-sessions-active = Aktiv
profile-sessions-signed-out = Abgemeldet
profile-sessions-expired = Abgelaufen
profile-sessions-unknown = Unbekannt
profile-sessions-sign-out = Diese Sitzung abmelden
profile-sessions-sign-out-others = Alle anderen Sitzungen abmelden
profile-sessions-no-others = Keine andere Sitzung ist aktiv.
profile-sessions-signing-out = Wird abgemeldet…
profile-sessions-signed-out-one = Diese Sitzung ist abgemeldet.
profile-sessions-gone = Diese Sitzung war bereits beendet.
profile-sessions-others-done = { $count ->
    [0] Keine andere Sitzung war mehr aktiv.
    [one] Eine andere Sitzung ist abgemeldet.
   *[other] { $count } andere Sitzungen sind abgemeldet.
}
profile-sessions-one-title = Diese Sitzung abmelden?
profile-sessions-one-body = Die Anmeldung auf { $device } vom { $when } endet: Wer sie nutzt, muss sich erneut mit Ihrem Passwort anmelden.
profile-sessions-this-body = Das ist die Sitzung, die Sie gerade verwenden: Die Konsole meldet sich ab und zeigt wieder die Anmeldung.
profile-sessions-others-title = Alle anderen Sitzungen abmelden?
profile-sessions-others-body = { $count ->
    [one] Eine andere Sitzung endet
   *[other] { $count } andere Sitzungen enden
}: Jedes Gerät außer diesem muss sich erneut anmelden. Diese Sitzung bleibt angemeldet.
profile-password-title = Passwort ändern
profile-password-intro = Mindestens 12 Zeichen, nicht leicht zu erraten. Eine Änderung meldet alle Ihre anderen Sitzungen ab.

## Meine Berechtigungen
perms-title = Meine Berechtigungen
perms-title-in = Meine Berechtigungen in { $org }
perms-loading = Ihre Berechtigungen werden geladen…
perms-search = Berechtigungen, Beschreibungen, Produkte oder Gruppen suchen
perms-summary = { $count ->
    [one] Eine Berechtigung
   *[other] { $count } Berechtigungen
} aus { $groups ->
    [one] einer Gruppe
   *[other] { $groups } Gruppen
}.
perms-product = { $product } ({ $count })
perms-product-platform = Organisation
perms-granted-by = Erteilt durch
perms-no-match = Keine Berechtigung passt zu „{ $query }“.
perms-empty = Sie haben in dieser Organisation keine Berechtigungen.
perms-empty-suspended = Ihre Mitgliedschaft in dieser Organisation ist gesperrt: Solange sie es ist, haben Sie hier keine Berechtigungen. Eine Administratorin oder ein Administrator der Organisation kann sie wieder freigeben.
perms-empty-no-groups = Sie sind in keiner Gruppe von { $org }, und Berechtigungen kommen nur aus Gruppen. Bitten Sie eine Administratorin oder einen Administrator, Sie einer hinzuzufügen.
perms-empty-groups-grant-nothing = Ihre Gruppen hier ({ $groups }) erteilen keine Berechtigungen. Eine Administratorin oder ein Administrator kann ihnen in der Berechtigungsmatrix welche geben.
## Groups
groups-tab-list = Gruppen
groups-tab-matrix = Berechtigungsmatrix
groups-new = Neue Gruppe
groups-loading = Gruppen werden geladen…
groups-reload = Neu laden
groups-count = { $count ->
    [one] eine Gruppe
   *[other] { $count } Gruppen
}
groups-col-name = Name
groups-col-product = Produkt
groups-col-members = Mitglieder
groups-col-description = Beschreibung
groups-builtin = Vordefiniert
groups-product-platform = Organisation
groups-need-manage = Sie können Gruppen ansehen; zum Ändern brauchen Sie die Berechtigung org.groups.manage.
groups-not-held = haben Sie selbst nicht
groups-field-name = Name
groups-field-name-hint = z. B. Vertrieb EMEA
groups-field-description = Beschreibung
groups-field-description-hint = Wofür die Gruppe da ist
groups-field-permissions = Berechtigungen
groups-create-title = Neue Gruppe
groups-escalation = Die Plattform hat abgelehnt: Sie haben { $missing } nicht mehr und können es daher nicht vergeben. Entfernen Sie den Haken oder bitten Sie zuerst die Administration, es Ihnen zu geben.
groups-create-held-only = Sie können nur Berechtigungen vergeben, die Sie selbst haben.
groups-create = Gruppe anlegen
groups-creating = Wird angelegt…
groups-create-name-missing = Geben Sie der Gruppe einen Namen.
groups-create-name-long = Ein Gruppenname hat 1 bis { $max } Zeichen.
groups-created = Die Gruppe „{ $name }“ wurde angelegt.
groups-delete = Löschen
groups-delete-title = Die Gruppe „{ $name }“ löschen?
groups-delete-body = { $members ->
    [0] In „{ $name }“ ist niemand, also verliert niemand eine Berechtigung. Das Löschen einer Gruppe lässt sich nicht rückgängig machen.
    [one] Ihr einziges Mitglied verliert die Berechtigungen von „{ $name }“, sofern keine andere seiner Gruppen sie gewährt. Das Löschen einer Gruppe lässt sich nicht rückgängig machen.
   *[other] Ihre { $members } Mitglieder verlieren die Berechtigungen von „{ $name }“, sofern keine andere ihrer Gruppen sie gewährt. Das Löschen einer Gruppe lässt sich nicht rückgängig machen.
}
groups-deleted = Die Gruppe „{ $name }“ wurde gelöscht.
groups-delete-failed = „{ $name }“ wurde nicht gelöscht: { $reason }
groups-builtin-no-delete = Vordefinierte Gruppen lassen sich nicht löschen.
groups-builtin-name-fixed = Der Name einer vordefinierten Gruppe steht fest; Beschreibung und Berechtigungen lassen sich ändern.
groups-tab-permissions = Berechtigungen
groups-tab-members = Mitglieder ({ $count })
groups-save = Speichern
groups-saving = Wird gespeichert…
groups-saved = Gespeichert.
groups-revert = Verwerfen
groups-conflict = Jemand anderes hat „{ $group }“ geändert, während Sie bearbeitet haben. Jetzt sehen Sie, was gespeichert wurde:
groups-conflict-kept = Ihre Änderungen bleiben darüber erhalten: Prüfen Sie sie und speichern Sie erneut.
groups-change-renamed = umbenannt in „{ $name }“.
groups-change-description = die Beschreibung wurde geändert.
groups-change-granted = gewährt jetzt { $permissions }.
groups-change-revoked = gewährt nicht mehr { $permissions }.
groups-change-other = die Berechtigungen sind gleich geblieben (etwas anderes wurde geändert).
groups-members-add = Mitglieder hinzufügen…
groups-members-loading = Mitglieder werden geladen…
groups-members-empty = In dieser Gruppe ist noch niemand.
groups-members-count = { $total ->
    [one] Ein Mitglied
   *[other] { $shown } von { $total } Mitgliedern
}
groups-members-more = Mehr laden
groups-members-need-all = Um die Mitglieder dieser Gruppe zu ändern, müssen Sie jede Berechtigung haben, die sie gewährt. Ihnen fehlt: { $missing }.
groups-members-added = { $count ->
    [0] Niemand wurde zu „{ $group }“ hinzugefügt: Alle waren schon Mitglied.
    [one] Ein Mitglied wurde zu „{ $group }“ hinzugefügt.
   *[other] { $count } Mitglieder wurden zu „{ $group }“ hinzugefügt.
}
groups-members-removed = { $name } wurde aus „{ $group }“ entfernt.
groups-remove = Entfernen
groups-remove-title = { $name } aus der Gruppe entfernen?
groups-remove-body = { $name } verliert die Berechtigungen von „{ $group }“, sofern keine andere seiner Gruppen sie gewährt. Das Konto und die übrigen Gruppen bleiben, wie sie sind.
groups-picker-title = Mitglieder zu „{ $group }“ hinzufügen
groups-picker-search = Name oder E-Mail suchen
groups-picker-searching = Suche läuft…
groups-picker-none = Niemand passt.
groups-picker-count = { $total ->
    [one] Ein Treffer
   *[other] { $shown } von { $total } Treffern
}
groups-picker-already = schon in der Gruppe
groups-picker-hint = Haken Sie die Personen an, die zu „{ $group }“ kommen sollen.
groups-picker-effect = { $count ->
    [one] Eine Person erhält die Berechtigungen von „{ $group }“.
   *[other] { $count } Personen erhalten die Berechtigungen von „{ $group }“.
}
groups-picker-add = { $count ->
    [0] Hinzufügen
    [one] Ein Mitglied hinzufügen
   *[other] { $count } Mitglieder hinzufügen
}
groups-tab-managers = Verwalter
groups-members-need-manage-or-manager = Um die Mitglieder dieser Gruppe zu ändern, brauchen Sie die Berechtigung org.groups.manage oder müssen Verwalter der Gruppe sein.
groups-managers-explain = Verwalter fügen „{ $group }“ Mitglieder hinzu und entfernen sie, ohne die Berechtigung zum Verwalten von Gruppen — aber nur, solange sie selbst jede Berechtigung haben, die die Gruppe gewährt. Sie können weder ihre Berechtigungen ändern, sie umbenennen oder löschen noch weitere Verwalter benennen. Jede ihrer Änderungen steht im Audit-Protokoll.
groups-managers-you = Sie verwalten diese Gruppe: Sie können ihre Mitglieder hinzufügen und entfernen.
groups-managers-need-manage = Um Verwalter zu benennen, brauchen Sie die Berechtigung org.groups.manage.
groups-managers-need-all = Um die Verwalter dieser Gruppe zu benennen, müssen Sie jede Berechtigung haben, die sie gewährt. Ihnen fehlt: { $missing }.
groups-managers-add = Verwalter hinzufügen…
groups-managers-remove = Entfernen
groups-managers-loading = Verwalter werden geladen…
groups-managers-empty = Diese Gruppe hat keine Verwalter.
groups-managers-already = verwaltet sie bereits
groups-managers-picker-title = Verwalter von „{ $group }“
groups-managers-picker-hint = Haken Sie die Mitglieder an, die Mitglieder von „{ $group }“ hinzufügen und entfernen dürfen.
groups-managers-picker-add = { $count ->
    [0] Hinzufügen
    [one] Einen Verwalter hinzufügen
   *[other] { $count } Verwalter hinzufügen
}
groups-managers-added = { $count ->
    [0] Niemand Neues verwaltet „{ $group }“.
    [one] Eine weitere Person verwaltet „{ $group }“.
   *[other] { $count } weitere Personen verwalten „{ $group }“.
}
groups-managers-removed = { $name } verwaltet „{ $group }“ nicht mehr.
groups-export-csv = Als CSV exportieren…
groups-exporting = Wird exportiert…
groups-export-cancelled = Export abgebrochen: Es wurde keine Datei geschrieben.
groups-exported-members = { $count ->
    [one] Ein Mitglied wurde in { $path } gespeichert.
   *[other] { $count } Mitglieder wurden in { $path } gespeichert.
}
groups-exported-matrix = { $count ->
    [one] Die Berechtigungen einer Gruppe wurden in { $path } gespeichert.
   *[other] Die Berechtigungen von { $count } Gruppen wurden in { $path } gespeichert.
}
groups-exported-matrix-pending = Die Datei enthält, was auf der Plattform gespeichert ist; Ihre ungespeicherten Änderungen fehlen darin.
groups-export-file-failed = Die Datei ließ sich nicht schreiben: { $detail }
groups-matrix-loading = Berechtigungen werden geladen…
groups-matrix-corner = Gruppe
groups-matrix-legend = Klicken Sie auf eine Zelle, um eine Berechtigung zu gewähren oder zu entziehen; Änderungen bleiben markiert, bis Sie sie speichern. Auch vordefinierte Gruppen lassen sich ändern; Zellen von Berechtigungen, die Sie nicht haben, sind gesperrt.
groups-matrix-save = Änderungen speichern
groups-matrix-discard = Verwerfen
groups-matrix-no-pending = Keine ungespeicherten Änderungen.
groups-matrix-pending = { $count ->
    [one] Eine ungespeicherte Änderung
   *[other] { $count } ungespeicherte Änderungen
} in { $groups ->
    [one] einer Gruppe
   *[other] { $groups } Gruppen
}
groups-matrix-saved = { $count ->
    [one] Die Änderungen an einer Gruppe wurden gespeichert.
   *[other] Die Änderungen an { $count } Gruppen wurden gespeichert.
}
groups-matrix-group-failed = „{ $group }“ wurde nicht gespeichert: { $reason }
groups-matrix-conflict = Jemand anderes hat einige dieser Gruppen gespeichert, während Sie bearbeitet haben; sie wurden daher nicht gespeichert. Die Matrix zeigt jetzt den Stand der Plattform:
groups-matrix-conflict-group = „{ $group }“: { $changes }
groups-matrix-conflict-deleted = „{ $group }“ wurde gelöscht.
groups-matrix-conflict-kept = Ihre ungespeicherten Änderungen, die noch passen, bleiben markiert erhalten: Prüfen Sie sie und speichern Sie erneut.
groups-mm-title = { $count ->
    [one] Berechtigungen eines Mitglieds
   *[other] Berechtigungen von { $count } Mitgliedern
}
groups-mm-hint = Jede Zeile zeigt, was ein Mitglied hat: die Vereinigung der Berechtigungen seiner Gruppen. Zeigen oder klicken Sie auf eine Zelle, um zu sehen, welche Gruppen sie gewähren.
groups-mm-left-out = Die ersten { $shown } werden gezeigt; { $left } weitere ausgewählte Mitglieder fehlen.
groups-mm-corner = Mitglied
groups-mm-count = { $count ->
    [one] eine Berechtigung
   *[other] { $count } Berechtigungen
}
groups-mm-failed = nicht geladen
groups-mm-pick = Zeigen oder klicken Sie auf eine Zelle, um zu sehen, welche Gruppen sie gewähren.
groups-mm-granted = { $name } hat { $permission } über: { $groups }.
groups-mm-not-granted = { $name } hat { $permission } nicht: Keine seiner Gruppen gewährt es.
members-compare = Berechtigungen vergleichen
members-filter-any-group = Alle Gruppen
## Gruppen in großen Mengen bearbeiten
bulk-title-add = { $count ->
    [one] Ein Mitglied zu Gruppen hinzufügen
   *[other] { $count } Mitglieder zu Gruppen hinzufügen
}
bulk-title-remove = { $count ->
    [one] Ein Mitglied aus Gruppen entfernen
   *[other] { $count } Mitglieder aus Gruppen entfernen
}
bulk-title-import = Gruppenänderungen importieren
bulk-title-import-file = Gruppenänderungen aus { $file } importieren
bulk-title-preview = Änderungen prüfen
bulk-title-undo = Rückgängig machen prüfen
bulk-title-done = Änderungen übernommen
bulk-title-undone = Änderungen rückgängig gemacht
bulk-loading = Die Gruppen werden geladen…
bulk-choose-add = Wählen Sie die Gruppen, zu denen sie hinzukommen.
bulk-choose-remove = Wählen Sie die Gruppen, aus denen sie entfernt werden.
bulk-people-more = { $names } und { $more } weitere
bulk-filter = Gruppen filtern
bulk-group-builtin = eingebaut
bulk-group-info = { $permissions ->
    [one] eine Berechtigung
   *[other] { $permissions } Berechtigungen
} · { $members ->
    [one] ein Mitglied
   *[other] { $members } Mitglieder
} · { $selected } der Auswahl darin
bulk-no-groups = Keine Gruppe passt.
bulk-preview = Änderungen ansehen
bulk-csv-dialog-title = Gruppenänderungen aus einer CSV-Datei importieren
bulk-csv-picking = Wählen Sie im Dateidialog eine CSV-Datei…
bulk-csv-format = Spalten: E-Mail, Gruppe, wahlweise Aktion (add oder remove; ohne Angabe add) und wahlweise expires_at, der Tag, an dem eine hinzugefügte Mitgliedschaft endet (JJJJ-MM-TT oder eine Zeit nach RFC 3339). Eine Kopfzeile ist möglich.
bulk-csv-reading = { $file } wird gelesen, Adressen und Gruppen werden nachgeschlagen…
bulk-csv-read-cancelled = Import von { $file } beim Lesen abgebrochen: Nichts wurde geändert.
bulk-csv-summary = { $rows } Zeilen: { $ready } bereit, { $flagged } mit Problemen (ausgelassen)
bulk-csv-another = Andere Datei wählen
bulk-csv-empty = Die Datei enthält keine Zeilen.
bulk-csv-unreadable = Die Datei lässt sich nicht lesen: { $detail }
bulk-csv-not-utf8 = Die Datei ist kein UTF-8-Text. Speichern Sie sie als „CSV UTF-8“ und wählen Sie sie erneut.
bulk-csv-malformed = Die Datei ist kein gültiges CSV: { $detail }
bulk-col-line = Zeile
bulk-col-member = Mitglied
bulk-col-email = E-Mail
bulk-col-group = Gruppe
bulk-col-action = Aktion
bulk-col-check = Prüfung
bulk-col-change = Änderung
bulk-col-gains = Erhält
bulk-col-loses = Verliert
bulk-row-ready = bereit
bulk-problem-missing-email = Keine E-Mail-Adresse
bulk-problem-missing-group = Keine Gruppe
bulk-problem-invalid-email = Keine gültige E-Mail-Adresse
bulk-problem-unknown-email = Kein Mitglied hat diese E-Mail-Adresse
bulk-problem-unknown-group = Keine Gruppe heißt so
bulk-problem-bad-action = Unbekannte Aktion „{ $action }“: verwenden Sie add oder remove
bulk-problem-duplicate = Wiederholt Zeile { $line }
bulk-problem-conflict = Widerspricht Zeile { $line }
bulk-col-ends = Endet
bulk-problem-bad-end = Das Enddatum „{ $end }“ ist nicht lesbar: schreiben Sie JJJJ-MM-TT, zum Beispiel 2027-01-31
bulk-problem-end-past = Das Enddatum { $end } ist vorbei: der Zugang muss in der Zukunft enden
bulk-problem-end-on-remove = Ein Entfernen hat kein Enddatum: lassen Sie expires_at leer
bulk-previewing = Die Plattform prüft, was { $count } Änderungen bewirken würden…
bulk-summary = { $added ->
    [one] Eine Mitgliedschaft kommt
   *[other] { $added } Mitgliedschaften kommen
} hinzu und { $removed } entfallen; { $unchanged ->
    [one] eine Änderung besteht
   *[other] { $unchanged } Änderungen bestehen
} bereits.
bulk-impact-count = { $count ->
    [0] Kein Mitglied erhält oder verliert eine Berechtigung.
    [one] Die Berechtigungen eines Mitglieds ändern sich.
   *[other] Die Berechtigungen von { $count } Mitgliedern ändern sich.
}
bulk-tab-memberships = Mitgliedschaften ({ $count })
bulk-tab-impact = Auswirkung auf Berechtigungen ({ $count })
bulk-change-add = + hinzufügen
bulk-change-remove = − entfernen
bulk-tally = { $permission } ({ $description }): { $gained } erhalten, { $lost } verlieren
bulk-suspended = gesperrt
bulk-suspended-note = Gesperrte Mitglieder haben keine Berechtigungen: ihre ändern sich, sobald sie reaktiviert werden.
bulk-nothing-yet = Noch hat sich nichts geändert. „Übernehmen“ führt alle diese Änderungen in einem Schritt aus – oder keine.
bulk-nothing-changes = Diese Änderungen bestehen alle bereits: es gibt nichts zu übernehmen.
bulk-back = Zurück
bulk-apply = Übernehmen
bulk-apply-undo = Rückgängig machen
bulk-applying = { $count } Änderungen werden übernommen…
bulk-cancel-checking = Abgebrochen: Die Plattform wird gefragt, ob sie die Änderungen übernommen hat…
bulk-cancel-too-late = Abbrechen kam zu spät: Die Plattform hatte die { $count } Änderungen schon übernommen (nach dem Abbrechen geprüft). Rückgängig ist möglich.
bulk-cancel-not-applied = Abgebrochen: Die Plattform hat die { $count } Änderungen nicht übernommen (nach dem Abbrechen geprüft).
bulk-cancel-unknown = Abgebrochen: Ob die Plattform die { $count } Änderungen übernommen hat, lässt sich nicht sagen. Die Listen wurden neu gelesen; Aktualisieren (Strg+R) zeigt die Mitgliedschaften, wie sie sind.
bulk-done = { $added ->
    [one] Eine Mitgliedschaft
   *[other] { $added } Mitgliedschaften
} hinzugefügt und { $removed } entfernt.
bulk-undone = Rückgängig gemacht: { $removed } Mitgliedschaften wieder entfernt und { $added } wiederhergestellt.
bulk-impact-done = { $count ->
    [0] Keine Berechtigungen haben sich geändert.
    [one] Die Berechtigungen eines Mitglieds haben sich geändert.
   *[other] Die Berechtigungen von { $count } Mitgliedern haben sich geändert.
}
bulk-undo = Rückgängig
bulk-undo-hint = „Rückgängig“ stellt diese Mitgliedschaften wieder her, wie sie waren – nachdem es Ihnen gezeigt hat, was das ändert.
bulk-refused = { $reason } Es wurde nichts geändert.
members-add-to-groups = Zu Gruppen hinzufügen…
members-remove-from-groups = Aus Gruppen entfernen…
members-import-csv = CSV importieren…
error-escalation-group = Sie können „{ $group }“ und ihre Mitglieder nicht ändern: die Gruppe vergibt Berechtigungen, die Sie selbst nicht haben: { $detail }
members-col-joined = Beigetreten
signin-register-title = Orgdesk-Konto anlegen
signin-register-name = Ihr Name
signin-register-submit = Konto anlegen
signin-register-create = Neu hier? Konto anlegen
signin-register-have-account = Ich habe ein Konto: anmelden
signin-register-working = Ihr Konto wird angelegt…
signin-register-need-name = Geben Sie Ihren Namen ein.
signin-insecure = { $host } würde Ihr Passwort unverschlüsselt über http erhalten. Verwenden Sie die https://-Adresse.
file-too-large = Die Datei ist größer als { $mib } MiB; Orgdesk liest sie nicht.
file-unreadable = Die Datei kann nicht gelesen werden: { $detail }
wizard-checkout-not-web = Die Plattform nannte eine Bezahladresse, die keine Webseite ist; Orgdesk hat sie nicht geöffnet: { $url }
wizard-subdomain-reserved = { $subdomain } ist für die Plattform reserviert; wählen Sie eine andere.
audit-export-capped = Für diese Filter hat das Protokoll { $total } Einträge: Grenzen Sie den Zeitraum ein und exportieren Sie den Rest getrennt.
bulk-group-not-held = Nicht von Ihnen änderbar: die Gruppe vergibt { $permissions }, was Sie selbst nicht haben.
org-choose-first = Wählen Sie oben eine Organisation (oder legen Sie unter Organisation eine an), um dies zu sehen.
invitations-group-not-held = Vergibt { $permissions }, was Sie selbst nicht haben: Sie können nicht dorthin einladen.
link-copy = Link kopieren
link-copied = Link kopiert: { $link }
link-invalid = Dieser Link kann nicht geöffnet werden: Er ist kein Orgdesk-Link zu einem Mitglied, einer Gruppe oder einem Protokolleintrag.
link-sign-in-first = Melden Sie sich an, um den Link zu öffnen; er öffnet sich nach der Anmeldung.
link-other-platform = Der Link gehört zur Plattform unter { $link }, die Konsole ist aber bei { $here } angemeldet. Melden Sie sich dort an, um ihn zu öffnen.
link-not-a-member = Der Link gehört zur Organisation { $org }, die nicht zu Ihren Organisationen auf dieser Plattform gehört.
link-offline = Das Protokoll kann nicht geöffnet werden, solange die Plattform nicht erreichbar ist.
link-entry-title = Protokolleintrag
link-entry-loading = Eintrag wird gesucht …
link-entry-missing = Der Eintrag ist nicht im Protokoll oder nicht für Sie sichtbar.
crash-notice = { $count ->
    [one] Orgdesk wurde beim letzten Mal unerwartet beendet. Ein Bericht ohne Passwörter, Tokens oder E-Mail-Adressen liegt in { $folder }.
   *[other] Orgdesk wurde { $count }-mal unerwartet beendet. Berichte ohne Passwörter, Tokens oder E-Mail-Adressen liegen in { $folder }.
}
crash-copy = Diagnose kopieren
crash-copied = Diagnose kopiert: Fügen Sie sie in Ihre Nachricht an den Support ein.
crash-dismiss = Schließen

## The tenant boundary: verified domains, leaving, new refusals
error-code-invalid-domain = Diese Domain kann nicht beansprucht werden: { $detail }
error-code-domain-taken = Eine andere Organisation hat diese Domain bereits bestätigt.
error-code-domain-not-verified = Der TXT-Eintrag wurde noch nicht gefunden: { $detail }
error-code-account-not-managed = Das kann nur die Organisation, die dieses Konto (über ihre bestätigte Domain) verwaltet. Sie können das Mitglied stattdessen aus dieser Organisation abmelden.
error-code-signed-out-of-organization = Eine Administratorin oder ein Administrator hat Sie aus dieser Organisation abgemeldet. Melden Sie sich erneut an, um fortzufahren.
error-code-password-reused = Wählen Sie ein anderes Passwort als Ihr bisheriges.
error-code-too-many-unpaid-orgs = Sie haben bereits mehrere Organisationen, die auf ihre Zahlung warten. Bezahlen Sie eine oder lassen Sie eine verfallen, bevor Sie eine weitere anlegen.
error-code-rate-limited = Zu viele Anfragen dieser Art. Versuchen Sie es in { $seconds } Sekunden erneut.
error-code-busy = Die Plattform ist ausgelastet. Versuchen Sie es in { $seconds } Sekunden erneut.
error-code-too-long = Zu lang: { $detail }
domains-title = Bestätigte Domains
domains-intro = Konten, deren bestätigte E-Mail-Adresse zu einer von Ihnen bestätigten Domain gehört, werden von dieser Organisation verwaltet: Nur sie kann deren Passwort zurücksetzen lassen und ihre Kontaktdaten und Anmeldungen anderswo sehen.
domains-loading = Domains werden geladen …
domains-not-allowed = Zum Verwalten von Domains ist die Berechtigung org.domains.manage nötig (die Gruppe Admin hat sie).
domains-placeholder = z. B. example.com
domains-claim = Domain beanspruchen
domains-none = Noch keine Domain beansprucht.
domains-claimed = { $domain } ist beansprucht. Veröffentlichen Sie den TXT-Eintrag unten und wählen Sie dann „Bestätigen“.
domains-verified-done = { $domain } ist bestätigt: Ihre Konten werden jetzt von dieser Organisation verwaltet.
domains-not-verified = { $domain } ist noch nicht bestätigt: { $detail } DNS-Änderungen werden oft erst nach einer Weile sichtbar; versuchen Sie es später erneut.
domains-removed = { $domain } wurde aufgegeben.
domains-remove = Aufgeben
domains-remove-title = { $domain } aufgeben?
domains-remove-body = Konten unter { $domain } werden nicht mehr von dieser Organisation verwaltet: Sie können ihr Passwort nicht mehr zurücksetzen lassen und ihre Kontaktdaten nicht mehr sehen. Ihre Mitgliedschaften bleiben. Eine andere Organisation kann die Domain danach bestätigen.
domains-status-verified = Bestätigt { $when }
domains-status-pending = Wartet auf den TXT-Eintrag
domains-verify = Bestätigen
domains-copy = Kopieren
domains-publish = Veröffentlichen Sie diesen Eintrag im DNS der Domain:
domains-record-name = Name
domains-record-type = Typ
domains-record-value = Wert
profile-orgs-leave = Verlassen
profile-orgs-leave-title = { $name } verlassen?
profile-orgs-leave-body = Sie verlieren Ihre Gruppen und alle Berechtigungen in { $name }, und Ihre Sitzungen gelten dort nicht mehr. Ihr Konto und Ihre anderen Organisationen bleiben. Um zurückzukehren, muss eine Administratorin oder ein Administrator von { $name } Sie erneut hinzufügen oder einladen.
profile-orgs-left = Sie haben { $name } verlassen.
profile-orgs-leave-last-admin = Sie können { $name } nicht verlassen: Sie sind die letzte Person, die dort Gruppen verwalten kann. Geben Sie diese Berechtigung zuerst einem anderen Mitglied.
audit-action-group-members-expire = Gruppenmitgliedschaft abgelaufen
audit-action-group-managers-change = Gruppenverwaltung geändert
audit-action-snapshot-create = Berechtigungs-Schnappschuss erstellt
audit-action-review-create = Zugriffsprüfung gestartet
audit-action-review-decide = Entscheidungen der Zugriffsprüfung erfasst
audit-action-review-complete = Zugriffsprüfung abgeschlossen (Bestätigung)

## Übersicht (der erste Bereich einer Organisation)
nav-overview = Übersicht
overview-loading = Die Zahlen der Organisation werden gezählt…
overview-seats-title = Plätze
overview-seats-used = { $used } von { $limit } Plätzen belegt
overview-seats-frees = Was Plätze frei macht:
overview-seats-pending = { $count ->
    [one] Eine offene Einladung belegt einen Platz
   *[other] { $count } offene Einladungen belegen Plätze
}
overview-seats-suspended = { $count ->
    [0] Keine gesperrten Mitglieder
    [one] Ein gesperrtes Mitglied (Sperren macht einen Platz frei)
   *[other] { $count } gesperrte Mitglieder (Sperren macht einen Platz frei)
}
overview-open-members = Mitglieder
overview-open-inactive = Alle seit { $days }+ Tagen abwesend
overview-sign-ins-title = Anmeldungen, letzte { $days } Tage
overview-sign-ins-summary = { $count ->
    [0] In diesen Tagen hat sich niemand angemeldet.
    [one] Eine Anmeldung in diesen Tagen.
   *[other] { $count } Anmeldungen in diesen Tagen.
}
overview-sign-ins-day = { $day }: { $count ->
    [one] eine Anmeldung
   *[other] { $count } Anmeldungen
}
overview-invitations-title = Einladungen
overview-invitations-pending = { $count ->
    [one] Eine offen
   *[other] { $count } offen
}
overview-invitations-expiring = { $count ->
    [0] Keine läuft in den nächsten { $days } Tagen ab.
    [one] Eine läuft in den nächsten { $days } Tagen ab:
   *[other] { $count } laufen in den nächsten { $days } Tagen ab:
}
overview-open-invitations = Offene Einladungen
overview-invitations-unavailable = Sie dürfen die Einladungen dieser Organisation nicht sehen.
overview-inactive-title = Länger nicht angemeldet
overview-inactive-count = { $count ->
    [one] Ein aktives Mitglied
   *[other] { $count } aktive Mitglieder
} seit { $days } Tagen nicht angemeldet
overview-audit-title = Letzte Ereignisse
overview-audit-unavailable = Sie dürfen das Protokoll dieser Organisation nicht lesen.
overview-audit-empty = Noch ist nichts geschehen.
overview-open-audit = Protokoll

## Kontextmenü einer Mitgliederzeile
members-menu-open = Öffnen
members-menu-copy-email = E-Mail-Adresse kopieren
members-menu-add-to-group = Zu Gruppe hinzufügen…
members-menu-remove-from-group = Aus Gruppe entfernen…

## Befehlspalette (Strg+K) und Tastenkürzel (F1)
palette-placeholder = Zu einem Bereich, einer Organisation, einem Mitglied, einer Aktion…
palette-nothing = Nichts passt.
palette-hint = ↑ ↓ zum Wählen, Eingabe zum Öffnen, Esc zum Schließen. Mitglieder werden nach Name oder E-Mail gesucht.
palette-kind-section = Bereich
palette-kind-organization = Organisation
palette-kind-action = Aktion
palette-refresh = Aktualisieren
palette-new-organization = Neue Organisation erstellen
shortcuts-title = Tastenkürzel
shortcuts-close = Schließen
shortcut-palette = Befehlspalette: Bereiche, Organisationen, Mitglieder, Aktionen
shortcut-search = Die angezeigte Liste durchsuchen
shortcut-refresh = Die angezeigte Seite neu laden
shortcut-tab = Den Fokus zum nächsten oder vorigen Bedienelement bewegen (ein Rahmen zeigt ihn)
shortcut-press = Die fokussierte Schaltfläche oder das Kästchen betätigen; eine fokussierte Liste öffnen (↑ ↓ wählen darin)
shortcut-arrows = In einer Tabelle oder der Palette bewegen
shortcut-enter = Die gewählte Zeile oder den Eintrag öffnen
shortcut-menu = Das Kontextmenü der gewählten Zeile
shortcut-escape = Den obersten Dialog, das Menü oder den Bereich schließen
shortcut-help = Diese Übersicht

## Table columns (src/widget/columns.rs)
columns-menu = Spalten
columns-move-left = Nach links
columns-move-right = Nach rechts
columns-narrower = Schmaler
columns-wider = Breiter
columns-reset = Spalten zurücksetzen

## "Discard changes?" (src/widget/discard.rs)
discard-title = Änderungen verwerfen?
discard-body = Die Änderungen hier sind noch nicht gespeichert. Verwerfen Sie sie, oder bearbeiten Sie weiter, um sie zuerst zu speichern.
discard-keep = Weiter bearbeiten
discard-discard = Verwerfen
discard-edited-title = { $title } •

## Long work (src/widget/progress.rs)
progress-counts = { $done } von { $total }
progress-working = In Arbeit…
progress-cancel = Abbrechen
progress-dismiss = Ausblenden
audit-export-cancelled = Export abgebrochen: Es wurde keine Datei geschrieben.
