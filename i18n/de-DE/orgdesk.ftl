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
placeholder-coming = { $screen } wird gerade gebaut und kommt in einer der nächsten Versionen.
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
offline-retry = Erneut versuchen
offline-unavailable = Offline nicht verfügbar. Verbinden Sie sich wieder mit der Plattform, um das zu nutzen.

## Change password
password-title = Neues Passwort wählen
password-why = Eine Administratorin oder ein Administrator verlangt ein neues Passwort. Bis dahin ist mit diesem Konto nichts anderes möglich.
password-current = Aktuelles Passwort
password-new = Neues Passwort
password-repeat = Neues Passwort wiederholen
password-submit = Passwort ändern
password-need-current = Geben Sie Ihr aktuelles Passwort ein.
password-too-short = Das neue Passwort braucht mindestens { $min } Zeichen.
password-mismatch = Die beiden neuen Passwörter stimmen nicht überein.
password-same = Das neue Passwort muss sich vom aktuellen unterscheiden.

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
