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
groups-export-csv = Als CSV exportieren…
groups-exporting = Wird exportiert…
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
