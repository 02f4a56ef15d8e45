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
bulk-csv-format = Spalten: E-Mail, Gruppe und wahlweise Aktion (add oder remove; ohne Angabe add). Eine Kopfzeile ist möglich.
bulk-csv-reading = { $file } wird gelesen, Adressen und Gruppen werden nachgeschlagen…
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
