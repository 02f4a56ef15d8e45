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
