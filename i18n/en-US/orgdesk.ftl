app-name = Orgdesk

# Sign-in
signin-title = Sign in to Orgdesk
signin-platform = Platform address
signin-platform-hint = https://platform.example or https://acme.platform.example
signin-email = Email
signin-password = Password
signin-submit = Sign in
signin-local = Use a platform on this computer
signin-local-starting = Starting the platform on this computer…
signin-local-ready = A platform runs on this computer at { $url }.
signin-demo = Open the demo organization
signin-demo-seeding = Preparing the demo organization with { $members } members…
signin-working = Signing in…
signin-keyring-unavailable = No keyring is available ({ $reason }): you will stay signed in only while Orgdesk is open.

# Shell
nav-members = Members
nav-groups = Groups
nav-invitations = Invitations
nav-audit = Audit log
nav-organization = Organization
menu-profile = My Profile
menu-permissions = My Permissions
menu-settings = Settings
menu-sign-out = Sign out
org-suspended = suspended
offline-banner = Offline — as of { $time }

# Members
members-search = Search name or email (Ctrl+F)
members-filter-all = All
members-filter-active = Active
members-filter-suspended = Suspended
members-col-name = Name
members-col-email = Email
members-col-status = Status
members-col-groups = Groups
members-col-last-login = Last login
members-count = { $shown } of { $total ->
    [one] one member
   *[other] { $total } members
}
members-count-about = { $shown } of about { $total } members
members-seats = Seats: { $used } of { $limit }
members-selected = { $count ->
    [one] one selected
   *[other] { $count } selected
}
members-loading = Loading members…
members-empty = No member matches.
members-never = never
status-active = Active
status-suspended = Suspended

# Errors in words
error-network = The platform cannot be reached: { $detail }
error-generic = { $detail }

## Platform refusals in words (one per API error code)
error-code-unauthenticated = Your session has ended. Sign in again.
error-code-invalid-credentials = The email address or password is not right.
error-code-too-many-attempts = Too many attempts. Try again in { $seconds } seconds.
error-code-password-reset-required = An administrator asked you to choose a new password before going on.
error-code-weak-password = That password is too easy to guess: { $detail }
error-code-email-taken = An account with this email address exists already.
error-code-invalid-token = This link is not valid any more.
error-code-not-a-member = You are not a member of this organization.
error-code-membership-suspended = Your membership in this organization is suspended.
error-code-wrong-organization = This session belongs to another organization.
error-code-forbidden = You don't have the permission for this ({ $detail }).
error-code-permission-escalation = You cannot grant permissions you don't hold yourself: { $detail }
error-code-last-admin = This would leave the organization without an administrator.
error-code-builtin-group = Built-in groups cannot be renamed or deleted.
error-code-group-name-taken = A group with this name exists already.
error-code-unknown-permission = Unknown permission: { $detail }
error-code-stale-version = Someone changed this in the meantime. It has been reloaded; check and try again.
error-code-too-many-changes = Too many changes for one request: { $detail }
error-code-name-taken = An organization with this name exists already.
error-code-subdomain-taken = This subdomain is taken.
error-code-org-pending-payment = This organization is waiting for its first payment.
error-code-seat-limit-reached = All seats of the plan are in use. Free a seat or buy more first.
error-code-member-suspended = This member is suspended.
error-code-cannot-suspend-self = You cannot suspend yourself.
error-code-already-member = This person is a member already.
error-code-invitation-pending = An invitation to this address is pending already.
error-code-invalid-email = This is not a valid email address.
error-code-duplicate = This address appears more than once.
error-code-invitation-unusable = This invitation cannot be used any more.
error-code-org-suspended = This organization is suspended.
error-code-unsupported-image = Use a PNG, JPEG or WebP picture.
error-code-image-too-large = The picture is too large: { $detail }
error-code-invalid-phone = This is not a valid phone number.
error-code-already-paid = This organization is paid already.
error-code-not-found = It is not there (any more).
error-code-validation-failed = Some fields need attention: { $detail }
error-code-payload-too-large = That is too large to send.
error-code-service-unavailable = The platform is busy. Try again in a moment.
error-code-internal-error = The platform failed. Try again; if it keeps failing, tell its operators.

## Dialogs
dialog-cancel = Cancel
dialog-close = Close

## Member details
member-loading = Loading the member's details…
member-refresh = Refresh
member-refreshing = Refreshing…
member-working = Working…
member-tab-general = General
member-tab-contact = Contact
member-tab-groups = Member of ({ $count })
member-tab-sessions = Sessions
member-tab-permissions = Permissions
member-tab-permissions-count = Permissions ({ $count })
member-field-name = Name
member-field-status = Status
member-field-password = Password
member-field-job-title = Job title
member-field-department = Department
member-field-joined = Joined
member-field-last-login = Last sign-in
member-field-updated = Last changed
member-field-email = Email
member-field-phone = Phone
member-field-address = Address
member-status-active-since = Active since { $time }
member-status-suspended-since = Suspended since { $time }
member-reset-pending = A reset is pending: they must choose a new password at their next sign-in.
member-not-given = not given
member-never = never
member-email-verified = verified
member-email-unverified = not verified yet
member-col-group = Group
member-col-product = Product
member-col-description = Description
member-product-platform = Platform
member-group-builtin = Built-in
member-group-custom = Custom
member-groups-empty = { $name } is in no group.
member-groups-names-only = Products and descriptions are not shown: { $reason }
member-col-signed-in = Signed in
member-col-last-seen = Last seen
member-col-ip = IP address
member-col-location = Location
member-col-device = Device
member-col-ended = Ended
member-session-open = still open
member-session-unknown = unknown
session-private-network = Private network
member-sessions-empty = No sign-ins yet.
member-sessions-count = { $shown } of { $total ->
    [one] one sign-in
   *[other] { $total } sign-ins
}
member-sessions-more = Load more
member-permissions-empty = { $name } holds no permission here.
member-permissions-suspended = Suspended members hold no permissions.
member-granted-by = Granted by { $groups }
member-suspend = Suspend
member-reactivate = Reactivate
member-sign-out = Sign out of this organization
member-sign-out-title = Sign { $name } out of this organization?
member-sign-out-body = { $name }'s sessions opened into this organization end, and their other sessions stop working here. Their other organizations and their password are not touched: only the organization that manages the account can reset it.
member-sign-out-done = { $name } was signed out of this organization.
member-field-account = Account
member-account-managed = Managed by this organization (its verified domain)
member-account-not-managed = Not managed by this organization: you see only what happens here
member-contact-not-managed = Phone, address, job title and department are shown only to the organization that manages this account.
member-contact-needs-permission = Phone, address, job title and department need the permission to read members' contact details.
member-force-reset = Force password reset
member-suspend-title = Suspend { $name }?
member-suspend-body = { $name } loses access to this organization: their sessions here end at their next request, and their seat is freed. Their account, their groups and their other organizations stay as they are. You can reactivate them later while a seat is free.
member-reactivate-title = Reactivate { $name }?
member-reactivate-body = { $name } gets access to this organization again, with the groups and permissions they had, and takes a seat again. When every seat is in use, the platform refuses.
member-reset-title = Force a password reset for { $name }?
member-reset-body = { $name } is signed out everywhere now and must choose a new password at their next sign-in. You never see or set their password.
member-suspended-done = { $name } is suspended.
member-reactivated-done = { $name } is active again.
member-reset-done = { $name } was signed out and must choose a new password at their next sign-in.
member-offline = Read-only: the copy saved { $time }. Suspending, reactivating and resets need the platform.
## Shell and session
app-starting = Resuming your session…
signin-demo-hint = Creates, once, a demo organization with a few thousand members, groups of every product and sign-ins from many places, and signs you in as its admin.
signin-demo-working = Preparing the demo organization…
signin-local-stopped = The platform on this computer has stopped.
signin-demo-failed = The demo organization could not be prepared: { $detail }
signin-demo-lost = The demo organization exists, but its admin password was kept in another keyring. Sign in as { $email } with the password you set.
signin-local-failed = The platform on this computer could not start: { $detail }
org-choose = Choose an organization
offline-copy-saved = Offline copy: { $members } members.
offline-copy-discarded = The offline copy was damaged or changed and was replaced ({ $members } members).
offline-copy-failed = The offline copy could not be updated: { $detail }
offline-copy-tampered = The offline copy was damaged or changed and has been discarded.
offline-syncing = Saving the offline copy of the members
offline-sync-cancelled = Offline copy not updated: cancelled. The previous copy is kept as it was.
offline-retry = Try again
offline-unavailable = This is not available offline. Reconnect to the platform to use it.

## Change password
password-title = Choose a new password
password-why = An administrator asked you to choose a new password. Until you do, nothing else can be done with this account.
password-current = Current password
password-new = New password
password-repeat = New password again
password-submit = Change password
password-too-short = The new password needs at least { $min } characters.
password-mismatch = The two new passwords differ.
password-same = The new password must differ from the current one.
password-changing = Changing the password…
password-changed = Your password is changed. Your other sessions are signed out: sign in there again with the new password.
password-length = Use { $min } to { $max } characters.
password-current-wrong = The current password is wrong.
password-weak = The platform refused this password as too easy to guess: { $reason }

## Activity pane
activity-title = Activity
activity-show = Activity
activity-hide = Hide activity
activity-clear = Clear
activity-empty = The requests Orgdesk makes appear here.
activity-no-answer = —
activity-copied = Copied
activity-copy-curl = Copy as curl
activity-duration = { $ms } ms

## Settings
settings-title = Settings
settings-language = Language
settings-language-system = As the system
settings-theme = Appearance
settings-theme-system = As the system
settings-theme-light = Light
settings-theme-dark = Dark
settings-places = Where Orgdesk keeps things
settings-file = Settings file
settings-cache = Offline copies
settings-keyring = Session tokens
settings-keyring-ok = In the system keyring.
settings-keyring-missing = In memory only, until Orgdesk closes: { $detail }
settings-none = —
settings-csv = Spreadsheets
settings-csv-excel = CSV for Excel
settings-csv-hint = Exported CSV files use semicolons and start with a byte-order mark, so that Excel opens them with the right columns and characters. On by default in German.

## Organization section
org-status-active = Active
org-status-pending-payment = Waiting for payment
org-status-suspended = Suspended
org-subdomain = Subdomain
org-status = Status
org-country = Country
org-address = Address
org-billing-email = Billing email
org-vat = VAT ID
org-none = none
org-products = Products
org-seats = Seats
org-created = Created
org-create = Create new organization
org-yours = Your organizations
org-none-yet = You are not a member of any organization yet. Create one to start.
org-membership-suspended = Your membership here is suspended.
org-your-groups = Your groups: { $groups }
org-in-view = In view
org-open = Open
## New organization wizard
wizard-title = New organization
wizard-progress = Step { $current } of { $total }: { $step }
wizard-step-name = Company name
wizard-step-details = Details
wizard-step-products = Products
wizard-step-overview = Overview
wizard-step-payment = Payment
wizard-step-done = Done
wizard-back = Back
wizard-continue = Continue
wizard-cancel = Cancel and leave
wizard-close = Close
wizard-retry = Try again
wizard-checking = Checking…
wizard-locked = The organization has been created with these details and waits for its payment. They can be changed in its settings once it is paid.
wizard-name-label = Company name
wizard-name-placeholder = e.g. Acme GmbH
wizard-name-hint = How your organization appears to its members and on invoices.
wizard-name-available = This name is available.
wizard-name-taken = An organization named “{ $name }” already exists. Choose another name.
wizard-name-taken-now = Someone has just created an organization with this name. Choose another name.
wizard-name-invalid = Use 1 to 200 characters, with letters or digits.
wizard-subdomain-label = Subdomain
wizard-subdomain-placeholder = e.g. acme
wizard-subdomain-available = “{ $subdomain }” is available.
wizard-subdomain-taken = “{ $subdomain }” is taken or reserved.
wizard-subdomain-taken-now = Someone has just taken this subdomain. Choose another one.
wizard-subdomain-characters = Use only lower-case letters a–z, digits and hyphens.
wizard-subdomain-length = Use 3 to 63 characters.
wizard-subdomain-hyphen = A subdomain cannot start or end with a hyphen.
wizard-subdomain-punycode = A subdomain cannot have two hyphens in the third and fourth place.
wizard-subdomain-id = A subdomain cannot look like an organization id.
wizard-subdomain-invalid = This subdomain cannot be used: { $detail }
wizard-subdomain-suggestions = Free instead:
wizard-country-label = Country
wizard-country-placeholder = Type to search for a country
wizard-country-required = Choose the country where the organization is registered.
wizard-vat-label = VAT id (optional)
wizard-vat-placeholder = e.g. DE123456789
wizard-vat-hint = Businesses in the EU outside the platform's country pay no VAT here with a valid VAT id (reverse charge).
wizard-vat-prefix = A VAT id of this country starts with { $prefix }.
wizard-vat-format = This VAT id does not have the country's format: { $detail }
wizard-vat-checksum = The check digits of this VAT id do not match. Look for a typo.
wizard-address-label = Address
wizard-address-placeholder = Street, postcode, city
wizard-address-invalid = Enter the address, at most 500 characters.
wizard-billing-email-label = Billing email
wizard-catalog-loading = Loading the products…
wizard-products-hint = Choose a package for each product your organization needs. Seats are the number of members and pending invitations the organization can have.
wizard-product-groups = Brings the groups { $groups }
wizard-product-remove = Remove this product
wizard-package-seats = { $seats ->
    [one] one seat
   *[other] { $seats } seats
}
wizard-package-price = { $price } a month
wizard-package-sales = Contact sales
wizard-package-contact-sales = This package is sold through a quote from sales.
wizard-sales-hint = Need more, or something special?
wizard-contact-sales = Contact sales for a custom quote
wizard-create-title = Create this organization?
wizard-create-body = { $name } will be created at the subdomain { $subdomain } with the products you chose, and you will be its administrator. It waits for its first payment before anyone can use it; the next step shows the price. The name and subdomain are reserved for you from now on.
wizard-create-action = Create organization
wizard-creating = Creating…
wizard-overview-subdomain = Subdomain: { $subdomain }
wizard-overview-billing = Invoices go to { $email }
wizard-overview-vat-id = VAT id: { $vat_id }
wizard-overview-none = Nothing is due for this organization.
wizard-overview-waiting = The organization becomes active as soon as the payment has been received.
wizard-net = Net
wizard-vat = VAT ({ $rate } %)
wizard-reverse-charge = Reverse charge: no VAT is charged; you account for it in your own country.
wizard-total = Total
wizard-billed-monthly = Billed monthly; the first month is due now.
wizard-pay = Go to payment
wizard-decimal-separator = .
wizard-money = { $symbol }{ $amount }
wizard-payment-opening = Opening the checkout…
wizard-payment-open = Open the checkout
wizard-payment-waiting = Waiting for your payment of { $total }…
wizard-payment-waiting-hint = The checkout page has opened in your browser. Pay there; this page goes on by itself once the payment has arrived.
wizard-payment-no-browser = The browser could not be opened ({ $reason }). Open this address yourself:
wizard-payment-copy = Copy address
wizard-payment-check = I have paid: check now
wizard-payment-reopen = Open the checkout again
wizard-payment-cancel = Stop waiting
wizard-payment-declined-hint = Try again on the checkout page with another card, or open it again.
wizard-payment-trouble = The payment could not be checked just now ({ $reason }). Still trying.
wizard-payment-cancelled = The payment has not been completed.
wizard-payment-cancelled-hint = The organization waits for its payment. You can pay now, or later from your list of organizations.
wizard-payment-retry = Pay now
wizard-declined-card = The payment was declined: the card was declined by its bank.
wizard-declined-unsupported = The payment was declined: this card is not accepted.
wizard-declined-other = The payment was declined: { $reason }
wizard-declined-unknown = The payment was declined.
wizard-done-title = { $name } is ready.
wizard-done-hint = The payment has arrived and the organization is active. You are its administrator: invite your team from Members.
wizard-done-open = Open { $name }
wizard-quote-title = Contact sales for a custom quote
wizard-quote-intro = Tell us what you need; our sales team answers with a quote.
wizard-quote-name = Your name
wizard-quote-email = Your email
wizard-quote-company = Company
wizard-quote-products = Products
wizard-quote-seats = Seats
wizard-quote-message = Anything else we should know (optional)
wizard-quote-send = Send request
wizard-quote-sending = Sending…
wizard-quote-seats-invalid = Enter a number of seats from 1 to 10,000,000.
wizard-quote-products-required = Choose at least one product.
wizard-quote-message-too-long = Use at most 5000 characters.
wizard-quote-text-invalid = Use 1 to 200 characters.
wizard-quote-sent-title = Your request has reached our sales team.
wizard-quote-sent-hint = No organization has been created by this request; sales will set it up with you.
org-pay = Pay now
## Invitations
invitations-filter-all = All
invitations-status-pending = Pending
invitations-status-accepted = Accepted
invitations-status-revoked = Revoked
invitations-status-expired = Expired
invitations-seats = Seats: { $used } of { $limit }
invitations-invite = Invite people…
invitations-col-email = Email
invitations-col-groups = Groups
invitations-col-status = Status
invitations-col-sent = Sent
invitations-col-expires = Expires
invitations-col-access-ends = Access ends
invitations-accepted-at = accepted { $time }
invitations-loading = Loading invitations…
invitations-empty = No invitation here.
invitations-count = { $total ->
    [one] { $shown } of 1 invitation
   *[other] { $shown } of { $total } invitations
}
invitations-resend = Resend
invitations-renew = Renew
invitations-revoke = Revoke
invitations-working = Working…
invitations-resend-title = Resend the invitation?
invitations-resend-body = A new link goes to { $email }, valid for 7 days. The link sent on { $sent } stops working at once.
invitations-renew-title = Renew the expired invitation?
invitations-renew-body = The invitation to { $email } ran out on { $expired }. Renewing mails a new link, valid for 7 days, and takes a seat again until it is accepted or revoked.
invitations-revoke-title = Revoke the invitation?
invitations-revoke-body = The link sent to { $email } stops working at once and the seat it holds is freed. You can invite the address again later.
invitations-resent = A new link went to { $email }; the old one no longer works.
invitations-revoked = The invitation to { $email } is revoked; its seat is free again.
invitations-change-failed = Nothing changed for { $email }: { $reason }
invitations-invite-title = Invite people
invitations-addresses-label = Email addresses: paste a list (separated by commas, spaces or lines), or add a CSV file with an email column.
invitations-addresses-placeholder = ada@example.com, bob@example.com
invitations-choose-csv = Add from a CSV file…
invitations-csv-read = { $count ->
    [one] One address
   *[other] { $count } addresses
} added from { $file }.
invitations-csv-empty = { $file } holds no email addresses.
invitations-csv-unreadable = { $file } cannot be read: { $reason }
invitations-count-addresses = { $count ->
    [0] No address yet
    [one] One address
   *[other] { $count } addresses
}
invitations-count-malformed = { $count ->
    [one] one is not an email address
   *[other] { $count } are not email addresses
}
invitations-count-repeated = { $count ->
    [one] one is listed twice
   *[other] { $count } are repeats
}
invitations-seats-would-use = Would take up to { $count ->
    [one] one seat
   *[other] { $count } seats
}; { $free } of { $limit } are free.
invitations-seats-short = { $free ->
    [0] No seat is free
    [one] Only one seat is free
   *[other] Only { $free } seats are free
}: { $refused ->
    [one] one new address
   *[other] { $refused } new addresses
} would be refused. Revoke pending invitations or buy more seats first.
invitations-groups-label = They join these groups:
invitations-groups-default = They join the User group (the groups could not be read).
invitations-need-addresses = Add at least one address.
invitations-too-many = At most { $max } addresses at a time.
invitations-need-group = Choose at least one group.
invitations-until-label = Access ends on (optional)
invitations-until-hint = YYYY-MM-DD
invitations-until-none = Without a date, access lasts until someone removes it.
invitations-until-effect = Their group memberships end as that day starts (UTC); from then on they grant nothing.
invitations-until-unreadable = Write the date as YYYY-MM-DD, for example 2027-01-31.
invitations-until-past = Access must end in the future: choose a later day.
invitations-send = Send { $count ->
    [one] one invitation
   *[other] { $count } invitations
}
invitations-sending = Sending…
invitations-results-title = Invitations sent
invitations-results-summary = { $invited } invited · { $added } given access at once · { $failed } not invited
invitations-invite-more = Invite more
invitations-done = Done
invitations-result-invited = Invited: a link valid for 7 days is on its way.
invitations-result-added = Has an account already: access granted at once, and a notice was mailed.
invitations-result-invalid-email = Not invited: this is not an email address.
invitations-result-duplicate = Not invited again: the address is in the list more than once.
invitations-result-already-member = Not invited: already a member of this organization.
invitations-result-member-suspended = Not invited: a suspended member. Reactivate them in Members instead.
invitations-result-pending = Not invited: an invitation is already waiting. Resend it instead.
invitations-result-seat-limit = Not invited: no seat left in the plan.
invitations-result-escalation = Not invited: the chosen groups grant permissions you don't hold yourself.
invitations-result-unknown-group = Not invited: a chosen group no longer exists.
invitations-result-other = Not invited: { $reason }

## Audit log
audit-actor-placeholder = Actor: email, name or id
audit-target-placeholder = Target: email, name or id
audit-days = Days (UTC):
audit-from-placeholder = from YYYY-MM-DD
audit-to-placeholder = to YYYY-MM-DD
audit-apply = Apply
audit-clear = Clear filters
audit-export = Export CSV…
audit-exporting = Exporting…
audit-export-title = Export the audit log
audit-exported = { $count ->
    [one] One entry
   *[other] { $count } entries
} exported to { $path }.
audit-export-failed = The export failed: { $reason }
audit-file-failed = the file could not be written ({ $reason })
audit-date-invalid = “{ $text }” is not a day: write it as YYYY-MM-DD, e.g. 2025-11-07.
audit-range-reversed = The first day comes after the last.
audit-nobody = Nobody in this organization matches “{ $who }”.
audit-several = “{ $who }” matches several members: type the whole email address.
audit-loading = Loading the audit log…
audit-empty = No entry matches these filters.
audit-count = { $total ->
    [one] { $shown } of 1 entry
   *[other] { $shown } of { $total } entries
}
audit-col-time = Time (UTC)
audit-col-actor = Actor
audit-col-action = Action
audit-col-target = Target
audit-col-details = Details
audit-col-from = From
audit-actor-platform = The platform
audit-former-member = a former member
audit-target-group = group { $name }
audit-target-invitation = invitation for { $email }
audit-target-org = the organization
audit-actions-any = All actions
audit-actions-invitations = All invitation actions
audit-actions-members = All member actions
audit-actions-groups = All group actions
audit-actions-domains = All domain actions
audit-action-member-auto-join = Joined through the verified domain
audit-action-member-leave = Member left
audit-action-member-sign-out = Signed out of this organization
audit-action-domain-claim = Domain claimed
audit-action-domain-verify = Domain verified
audit-action-domain-delete = Domain given up
audit-detail-auto-joined = { $email }, a new sign-up at { $domain }
audit-detail-signed-out = { $count ->
    [one] one session stopped working here
   *[other] { $count } sessions stopped working here
}
audit-detail-accepted-taken-over = { $email }, whose mailbox took over an unconfirmed account
audit-detail-permissions-added = { $count ->
    [one] added { $list }
   *[other] added { $count } permissions: { $list }
}
audit-detail-permissions-removed = { $count ->
    [one] removed { $list }
   *[other] removed { $count } permissions: { $list }
}
audit-actions-org = All organization actions
audit-action-invitation-create = Invitation sent
audit-action-invitation-resend = Invitation resent
audit-action-invitation-revoke = Invitation revoked
audit-action-invitation-accept = Invitation accepted
audit-action-member-add = Member added
audit-action-member-suspend = Member suspended
audit-action-member-reactivate = Member reactivated
audit-action-member-force-password-reset = Password reset forced
audit-action-group-create = Group created
audit-action-group-update = Group changed
audit-action-group-delete = Group deleted
audit-action-group-members-change = Group members changed
audit-action-org-create = Organization created
audit-action-org-update = Organization details changed
audit-action-org-paid = Payment received
member-col-ends = Ends
expiry-until = until { $date }
expiry-in-days = { $days ->
    [one] ends in { $days } day
   *[other] ends in { $days } days
}
expiry-today = ends today
expiry-ended = ended
members-filter-expiring = Expiring in { $days } days
members-filter-inactive = Inactive { $days }+ days
members-extend = Extend to…
members-suspend-selected = Suspend selected
bulk-title-extend = { $count ->
    [one] Extend one member's access
   *[other] Extend the access of { $count } members
}
bulk-choose-extend = Choose the groups whose memberships get the new end date: each member keeps only the groups they are in.
bulk-until = Ends on (optional)
bulk-until-required = New end date
bulk-until-bad = Write the date as YYYY-MM-DD, for example 2027-01-31.
bulk-change-end = new end date
bulk-ends-changed = { $count ->
    [one] The end date of one membership changes.
   *[other] The end dates of { $count } memberships change.
}
dormant-title = Suspend dormant members
dormant-checking = Asking the platform what the suspension would do…
dormant-preview = { $count ->
    [0] None of the selected members would be suspended (they are suspended already).
    [one] One member would be suspended, freeing { $seats } seats (seats in use afterwards: { $used }).
   *[other] { $count } members would be suspended, freeing { $seats } seats (seats in use afterwards: { $used }).
}
dormant-unchanged = { $count ->
    [0] {""}
    [one] One selected member is suspended already.
   *[other] { $count } selected members are suspended already.
}
dormant-apply = Suspend
dormant-applying = Suspending…
dormant-done = { $count ->
    [one] One member suspended; { $seats } seats freed.
   *[other] { $count } members suspended; { $seats } seats freed.
}
nav-governance = Governance
snapshots-title = Permission snapshots
snapshots-name = Name (optional), e.g. Before the Q3 reorganization
snapshots-take = Take a snapshot
snapshots-compare-two = Compare the two chosen
snapshots-compare-now = Compare with now
snapshots-export = Export CSV…
snapshots-loading = Loading the snapshots…
snapshots-empty = No snapshot yet. A snapshot records who holds which permission, through which groups, now.
snapshots-size = { $members } members · { $grants } permissions held
snapshots-taken = Snapshot taken: { $members } members holding { $grants } permissions.
snapshots-exported = Saved to { $path }.
snapshots-export-failed = The export failed: { $detail }
csv-downloading = Exporting the CSV file…
csv-download-cancelled = Export cancelled before it finished.
snapshots-comparing = Comparing…
snapshots-now = now
snapshots-diff-title = Changes from { $from } to { $to }
snapshots-diff-none = Nobody gained or lost a permission.
snapshots-diff-count = { $count ->
    [one] One member's permissions changed.
   *[other] { $count } members' permissions changed.
}
snapshots-gained = + { $permission } (through { $groups })
snapshots-lost = − { $permission } (was through { $groups })
governance-tab-snapshots = Permission snapshots
governance-tab-reviews = Access reviews
reviews-title = Access reviews
reviews-loading = Loading the access reviews…
reviews-empty = No access review yet.
reviews-open = Open
reviews-report = Report CSV…
reviews-new = Start an access review
reviews-name = Name, e.g. Q1 2027 access review
reviews-reviewers = Reviewers' email addresses, separated by commas
reviews-due = Due on
reviews-groups-hint = Groups to review (none chosen: every group)
reviews-start = Start the review
reviews-started = Access review "{ $name }" started.
reviews-no-such-reviewer = No member has the address { $email }.
reviews-back = ← All reviews
reviews-complete = Complete
reviews-complete-title = Complete this access review?
reviews-complete-body = Memberships removed: { $revoked }. Given an end date: { $expiring }. Undecided, left as they are: { $undecided }. Members whose permissions change at once: { $impact }. The audit log records this as an attestation.
reviews-completed = Completed. Memberships removed: { $revoked }; given an end date: { $expiring }.
reviews-keep = Keep
reviews-revoke = Revoke
reviews-expire = Expire
reviews-expire-on = Expires { $date }
reviews-undecided = Not decided
reviews-item = { $group } ({ $permissions }) · added { $added }
reviews-conflict = This item changed since you read it: your decision was not recorded. Look at it again and decide.
reviews-status-open = Open · { $decided } of { $items } decided · due { $due }
reviews-status-completed = Completed · { $decided } of { $items } decided
governance-more = Load more
reviews-offline = Working from the offline copy of { $time }: your decisions are kept here, encrypted, and sent when the platform is back.
reviews-offline-none = No access reviews are in the offline copy. They are kept while you are online.
reviews-not-sent = { $decision } — not sent yet
reviews-unsent = { $count ->
    [one] 1 decision not sent yet
   *[other] { $count } decisions not sent yet
}
reviews-send = Send decisions
reviews-sending = Sending…
reviews-sent = Sent: { $recorded } recorded, { $conflicts } in conflict, { $refused } refused.
reviews-send-failed = The decisions could not be sent and stay here for the next try: { $detail }
reviews-outbox-failed = The decisions not sent yet could not be read or kept: { $detail }
reviews-outbox-discarded = The decisions not sent yet were damaged or encrypted with another key and have been discarded.
reviews-refused-completed = not recorded: the review was completed meanwhile.
reviews-refused-gone = not recorded: the review or the membership is gone, or you no longer review it.
reviews-refused-invalid = not recorded: the platform refused it (an end date already past?).
reviews-dismiss = Dismiss
reviews-conflict-title = Changed meanwhile: { $name } · { $email } in { $group }
reviews-theirs = Theirs (on the platform now)
reviews-mine = Mine (not recorded)
reviews-decided-at = { $decision } · decided { $time }
reviews-use-mine = Use mine
reviews-keep-theirs = Keep theirs
audit-detail-default-group = the User group
audit-detail-invited = { $email }, to join { $groups }
audit-detail-added = { $email } had an account and joined { $groups } at once
audit-detail-accepted-new = { $email }, with a new account
audit-detail-accepted-existing = { $email }, with their existing account
audit-detail-group-created = “{ $name }” with { $count ->
    [one] one permission
   *[other] { $count } permissions
}
audit-detail-group-deleted = “{ $name }”
audit-detail-renamed = renamed to “{ $name }”
audit-detail-description = description changed
audit-detail-permissions = { $count ->
    [0] no permissions left
    [one] now one permission: { $list }
   *[other] now { $count } permissions: { $list }
}
audit-detail-and-more = { $list } and { $more } more
audit-detail-members-changed = { $added } added, { $removed } removed
audit-detail-org-created = “{ $name }” at { $subdomain }
audit-detail-changed = changed: { $fields }
audit-detail-paid = { $amount } { $currency }
offline-member-missing = This member was not opened while online, so there is no offline copy of their details.
## My Profile
profile-title = My profile
profile-loading = Loading…
profile-tab-details = Picture and details
profile-tab-organizations = Organizations and groups
profile-tab-sign-ins = Recent sign-ins
profile-tab-password = Password
profile-picture-title = Profile picture
profile-picture-choose = Choose a picture…
profile-picture-remove = Remove picture
profile-picture-upload = Use this picture
profile-picture-discard = Discard
profile-picture-dialog = Choose a profile picture
profile-picture-filter = Pictures
profile-picture-reading = Reading the file…
profile-picture-uploading = Uploading the picture…
profile-picture-removing = Removing the picture…
profile-picture-saved = Your new picture is saved.
profile-picture-removed = Your picture is removed.
profile-picture-chosen = { $name } ({ $size }), not saved yet.
profile-picture-squared = Shown as it will be stored: cut to a square from the middle.
profile-picture-no-preview = No preview: the file does not read as a picture here. The platform decides when you upload it.
profile-picture-rules = PNG, JPEG or WebP, at most { $limit } and 40 megapixels.
profile-picture-too-large = This file has { $size }; a picture may have at most { $limit }. Choose a smaller one.
profile-picture-unreadable = The file cannot be read: { $detail }
profile-picture-remove-title = Remove your picture?
profile-picture-remove-body = Your picture is deleted from the platform. Everyone sees your initials instead until you choose a new one.
profile-personal-title = Personal details
profile-contact-title = Contact information
profile-field-name = Name
profile-field-job-title = Job title
profile-field-department = Department
profile-field-email = Email address (you sign in with it)
profile-field-phone = Phone
profile-field-address = Address
profile-phone-hint = With the country code, e.g. +49 30 1234567.
profile-email-hint = We will mail a confirmation link to the new address. Until it is clicked you keep signing in with { $current }.
profile-email-pending = Waiting for confirmation: we mailed a link to { $pending }. Your address stays { $current } until that link is clicked (it is valid for 24 hours).
profile-email-resend = Send the link again
profile-email-keep = Keep { $current }
profile-email-unverified = This address is not confirmed yet: look for our mail in its inbox.
profile-email-resent = A new confirmation link is on its way to { $email }.
profile-email-withdrawn = The change is withdrawn: you keep { $email }.
profile-save = Save changes
profile-revert = Discard changes
profile-saving = Saving…
profile-saved = Your changes are saved.
profile-saved-email-pending = Your changes are saved. We mailed a confirmation link to { $email }: your address changes once it is clicked.
profile-fix-fields = Some fields need attention: see the notes below them.
profile-error-name = Enter your name: 1 to 200 characters.
profile-error-email = This is not an email address.
profile-error-phone = This is not a phone number the platform can reach. Use the international form with the country code, e.g. +49 30 1234567.
profile-error-invalid = This is too long or contains characters that cannot be stored.
profile-orgs-intro = The organizations you belong to and your groups in each: your permissions there come from these groups.
profile-orgs-none = You belong to no organization yet.
profile-orgs-groups = Groups:
profile-orgs-no-groups = You are in no group here, so you hold no permissions in this organization.
profile-orgs-suspended = your access is suspended
profile-orgs-pending-payment = waiting for payment
profile-orgs-org-suspended = organization suspended
profile-sessions-summary = { $count ->
    [one] One sign-in in the last { $days } days.
   *[other] { $count } sign-ins in the last { $days } days.
}
profile-sessions-chart-title = Sign-ins per day
profile-sessions-chart-summary = { $count ->
    [one] One sign-in in all
   *[other] { $count } sign-ins in all
}, at most { $most } on one day.
profile-sessions-day = { $day }: { $count ->
    [one] one sign-in
   *[other] { $count } sign-ins
}
profile-sessions-col-signed-in = Signed in
profile-sessions-col-last-seen = Last active
profile-sessions-col-ip = IP address
profile-sessions-col-location = Location
profile-sessions-col-device = Device
profile-sessions-col-status = Status
profile-sessions-current = This session
profile-sessions-active = Active
profile-sessions-signed-out = Signed out
profile-sessions-expired = Expired
profile-sessions-unknown = Unknown
profile-sessions-sign-out = Sign out this session
profile-sessions-sign-out-others = Sign out all other sessions
profile-sessions-no-others = No other session is active.
profile-sessions-signing-out = Signing out…
profile-sessions-signed-out-one = That session is signed out.
profile-sessions-gone = That session had ended already.
profile-sessions-others-done = { $count ->
    [0] No other session was active any more.
    [one] One other session is signed out.
   *[other] { $count } other sessions are signed out.
}
profile-sessions-one-title = Sign out this session?
profile-sessions-one-body = The sign-in on { $device } from { $when } ends: whoever uses it has to sign in again with your password.
profile-sessions-this-body = This is the session you are using now: the console signs out and shows the sign-in again.
profile-sessions-others-title = Sign out all other sessions?
profile-sessions-others-body = { $count ->
    [one] One other session ends
   *[other] { $count } other sessions end
}: every device but this one has to sign in again. This session stays signed in.
profile-password-title = Change password
profile-password-intro = At least 12 characters, not easy to guess. Changing it signs out all your other sessions.

## My Permissions
perms-title = My permissions
perms-title-in = My permissions in { $org }
perms-loading = Loading your permissions…
perms-search = Search permissions, descriptions, products or groups
perms-summary = { $count ->
    [one] One permission
   *[other] { $count } permissions
} from { $groups ->
    [one] one group
   *[other] { $groups } groups
}.
perms-product = { $product } ({ $count })
perms-product-platform = Organization
perms-granted-by = Granted by
perms-no-match = No permission matches “{ $query }”.
perms-empty = You hold no permissions in this organization.
perms-empty-suspended = Your membership in this organization is suspended: while it is, you hold no permissions here. An administrator of the organization can reactivate it.
perms-empty-no-groups = You are in no group of { $org }, and permissions come only from groups. Ask an administrator to add you to one.
perms-empty-groups-grant-nothing = Your groups here ({ $groups }) grant no permissions. An administrator can give them some in the permission matrix.
## Groups
groups-tab-list = Groups
groups-tab-matrix = Permission matrix
groups-new = New group
groups-loading = Loading groups…
groups-reload = Reload
groups-count = { $count ->
    [one] one group
   *[other] { $count } groups
}
groups-col-name = Name
groups-col-product = Product
groups-col-members = Members
groups-col-description = Description
groups-builtin = Built-in
groups-product-platform = Organization
groups-need-manage = You can look, but changing groups needs the permission org.groups.manage.
groups-not-held = you don't hold this
groups-field-name = Name
groups-field-name-hint = e.g. Sales EMEA
groups-field-description = Description
groups-field-description-hint = What the group is for
groups-field-permissions = Permissions
groups-create-title = New group
groups-escalation = The platform refused: you no longer hold { $missing }, so you cannot grant it. Untick it, or ask an administrator to give it to you first.
groups-create-held-only = You can grant only permissions you hold yourself.
groups-create = Create group
groups-creating = Creating…
groups-create-name-missing = Give the group a name.
groups-create-name-long = A group's name has 1 to { $max } characters.
groups-created = Created the group “{ $name }”.
groups-delete = Delete
groups-delete-title = Delete the group “{ $name }”?
groups-delete-body = { $members ->
    [0] Nobody is in “{ $name }”, so nobody loses a permission. Deleting a group cannot be undone.
    [one] Its one member loses the permissions “{ $name }” grants, unless another of their groups grants them too. Deleting a group cannot be undone.
   *[other] Its { $members } members lose the permissions “{ $name }” grants, unless another of their groups grants them too. Deleting a group cannot be undone.
}
groups-deleted = Deleted the group “{ $name }”.
groups-delete-failed = “{ $name }” was not deleted: { $reason }
groups-builtin-no-delete = Built-in groups cannot be deleted.
groups-builtin-name-fixed = A built-in group's name is fixed; its description and permissions can change.
groups-tab-permissions = Permissions
groups-tab-members = Members ({ $count })
groups-save = Save
groups-saving = Saving…
groups-saved = Saved.
groups-revert = Revert
groups-conflict = Someone else changed “{ $group }” while you were editing. It now shows what they saved:
groups-conflict-kept = Your edits are kept on top of it: check them and save again.
groups-change-renamed = renamed to “{ $name }”.
groups-change-description = its description changed.
groups-change-granted = now grants { $permissions }.
groups-change-revoked = no longer grants { $permissions }.
groups-change-other = its permissions are the same (something else about it changed).
groups-members-add = Add members…
groups-members-loading = Loading members…
groups-members-empty = Nobody is in this group yet.
groups-members-count = { $total ->
    [one] One member
   *[other] { $shown } of { $total } members
}
groups-members-more = Load more
groups-members-need-all = To change this group's members you must hold every permission it grants. You don't hold: { $missing }.
groups-members-added = { $count ->
    [0] Nobody was added to “{ $group }”: they were all in it already.
    [one] Added one member to “{ $group }”.
   *[other] Added { $count } members to “{ $group }”.
}
groups-members-removed = Removed { $name } from “{ $group }”.
groups-remove = Remove
groups-remove-title = Remove { $name } from the group?
groups-remove-body = { $name } loses the permissions “{ $group }” grants, unless another of their groups grants them too. Their account and other groups stay as they are.
groups-picker-title = Add members to “{ $group }”
groups-picker-search = Search name or email
groups-picker-searching = Searching…
groups-picker-none = Nobody matches.
groups-picker-count = { $total ->
    [one] One match
   *[other] { $shown } of { $total } matches
}
groups-picker-already = already in the group
groups-picker-hint = Tick the people to add to “{ $group }”.
groups-picker-effect = { $count ->
    [one] One person gains the permissions of “{ $group }”.
   *[other] { $count } people gain the permissions of “{ $group }”.
}
groups-picker-add = { $count ->
    [0] Add
    [one] Add one member
   *[other] Add { $count } members
}
groups-tab-managers = Managers
groups-members-need-manage-or-manager = Changing this group's members needs the permission org.groups.manage, or being one of the group's managers.
groups-managers-explain = Managers add and remove the members of “{ $group }” without the permission to manage groups — but only while they hold every permission the group grants themselves. They cannot change its permissions, rename or delete it, or name other managers. Each change they make is in the audit log.
groups-managers-you = You manage this group: you can add and remove its members.
groups-managers-need-manage = Naming managers needs the permission org.groups.manage.
groups-managers-need-all = To name this group's managers you must hold every permission it grants. You don't hold: { $missing }.
groups-managers-add = Add managers…
groups-managers-remove = Remove
groups-managers-loading = Loading managers…
groups-managers-empty = This group has no managers.
groups-managers-already = manages it already
groups-managers-picker-title = Managers of “{ $group }”
groups-managers-picker-hint = Tick the members who may add and remove the members of “{ $group }”.
groups-managers-picker-add = { $count ->
    [0] Add
    [one] Add one manager
   *[other] Add { $count } managers
}
groups-managers-added = { $count ->
    [0] Nobody new manages “{ $group }”.
    [one] One more person manages “{ $group }”.
   *[other] { $count } more people manage “{ $group }”.
}
groups-managers-removed = { $name } no longer manages “{ $group }”.
groups-export-csv = Export CSV…
groups-exporting = Exporting…
groups-export-cancelled = Export cancelled: no file was written.
groups-exported-members = { $count ->
    [one] Saved one member to { $path }.
   *[other] Saved { $count } members to { $path }.
}
groups-exported-matrix = { $count ->
    [one] Saved the permissions of one group to { $path }.
   *[other] Saved the permissions of { $count } groups to { $path }.
}
groups-exported-matrix-pending = The file holds what the platform has saved; your unsaved changes are not in it.
groups-export-file-failed = The file could not be written: { $detail }
groups-matrix-loading = Loading permissions…
groups-matrix-corner = Group
groups-matrix-legend = Click a cell to grant or revoke; changes stay highlighted until you save them. Built-in groups' permissions can change too; cells of permissions you don't hold are locked.
groups-matrix-save = Save changes
groups-matrix-discard = Discard
groups-matrix-no-pending = No unsaved changes.
groups-matrix-pending = { $count ->
    [one] One unsaved change
   *[other] { $count } unsaved changes
} in { $groups ->
    [one] one group
   *[other] { $groups } groups
}
groups-matrix-saved = { $count ->
    [one] Saved the changes to one group.
   *[other] Saved the changes to { $count } groups.
}
groups-matrix-group-failed = “{ $group }” was not saved: { $reason }
groups-matrix-conflict = Someone else saved some of these groups while you were editing, so they were not saved. The matrix now shows what the platform holds:
groups-matrix-conflict-group = “{ $group }”: { $changes }
groups-matrix-conflict-deleted = “{ $group }” was deleted.
groups-matrix-conflict-kept = Your unsaved changes that still apply are kept and highlighted: check them and save again.
groups-mm-title = { $count ->
    [one] Permissions of one member
   *[other] Permissions of { $count } members
}
groups-mm-hint = Each row is what a member holds: the union of their groups' permissions. Point at or click a cell to see which groups grant it.
groups-mm-left-out = Showing the first { $shown }; { $left } more selected members are left out.
groups-mm-corner = Member
groups-mm-count = { $count ->
    [one] one permission
   *[other] { $count } permissions
}
groups-mm-failed = not loaded
groups-mm-pick = Point at or click a cell to see which groups grant it.
groups-mm-granted = { $name } holds { $permission } through: { $groups }.
groups-mm-not-granted = { $name } doesn't hold { $permission }: none of their groups grants it.
members-compare = Compare permissions
members-filter-any-group = Every group
## Bulk group edits
bulk-title-add = { $count ->
    [one] Add one member to groups
   *[other] Add { $count } members to groups
}
bulk-title-remove = { $count ->
    [one] Remove one member from groups
   *[other] Remove { $count } members from groups
}
bulk-title-import = Import group changes
bulk-title-import-file = Import group changes from { $file }
bulk-title-preview = Review the changes
bulk-title-undo = Review the undo
bulk-title-done = Changes applied
bulk-title-undone = Changes undone
bulk-loading = Loading the groups…
bulk-choose-add = Choose the groups to add them to.
bulk-choose-remove = Choose the groups to remove them from.
bulk-people-more = { $names } and { $more } more
bulk-filter = Filter groups
bulk-group-builtin = built-in
bulk-group-info = { $permissions ->
    [one] one permission
   *[other] { $permissions } permissions
} · { $members ->
    [one] one member
   *[other] { $members } members
} · { $selected } of the selection in it
bulk-no-groups = No group matches.
bulk-preview = Preview changes
bulk-csv-dialog-title = Import group changes from a CSV file
bulk-csv-picking = Choose a CSV file in the file dialog…
bulk-csv-format = Columns: email, group, optionally action (add or remove; add when left out) and optionally expires_at, the day an added membership ends (YYYY-MM-DD or an RFC 3339 time). A header row is optional.
bulk-csv-reading = Reading { $file } and looking up its addresses and groups…
bulk-csv-read-cancelled = Import of { $file } cancelled while it was read: nothing was changed.
bulk-csv-summary = { $rows } rows: { $ready } ready, { $flagged } with problems (left out)
bulk-csv-another = Choose another file
bulk-csv-empty = The file has no rows.
bulk-csv-unreadable = The file cannot be read: { $detail }
bulk-csv-not-utf8 = The file is not UTF-8 text. Save it as "CSV UTF-8" and choose it again.
bulk-csv-malformed = The file is not valid CSV: { $detail }
bulk-col-line = Line
bulk-col-member = Member
bulk-col-email = Email
bulk-col-group = Group
bulk-col-action = Action
bulk-col-check = Check
bulk-col-change = Change
bulk-col-gains = Gains
bulk-col-loses = Loses
bulk-row-ready = ready
bulk-problem-missing-email = No email address
bulk-problem-missing-group = No group
bulk-problem-invalid-email = Not an email address
bulk-problem-unknown-email = No member has this email address
bulk-problem-unknown-group = No group has this name
bulk-problem-bad-action = Unknown action "{ $action }": use add or remove
bulk-problem-duplicate = Repeats line { $line }
bulk-problem-conflict = Contradicts line { $line }
bulk-col-ends = Ends
bulk-problem-bad-end = The end date "{ $end }" does not read: write YYYY-MM-DD, for example 2027-01-31
bulk-problem-end-past = The end date { $end } has passed: access must end in the future
bulk-problem-end-on-remove = A removal has no end date: leave expires_at empty
bulk-previewing = Asking the platform what { $count } changes would do…
bulk-summary = { $added ->
    [one] One membership
   *[other] { $added } memberships
} will be added and { $removed } removed; { $unchanged ->
    [one] one change is
   *[other] { $unchanged } changes are
} in place already.
bulk-impact-count = { $count ->
    [0] No member gains or loses a permission.
    [one] The permissions of one member change.
   *[other] The permissions of { $count } members change.
}
bulk-tab-memberships = Memberships ({ $count })
bulk-tab-impact = Permission impact ({ $count })
bulk-change-add = + add
bulk-change-remove = − remove
bulk-tally = { $permission } ({ $description }): { $gained } gain, { $lost } lose
bulk-suspended = suspended
bulk-suspended-note = Suspended members hold no permissions: theirs change when they are reactivated.
bulk-nothing-yet = Nothing has changed yet. Apply makes all of these changes in one step, or none of them.
bulk-nothing-changes = These changes are all in place already: there is nothing to apply.
bulk-back = Back
bulk-apply = Apply
bulk-apply-undo = Apply the undo
bulk-applying = Applying { $count } changes…
bulk-cancel-checking = Cancelled: asking the platform whether it applied the changes…
bulk-cancel-too-late = Cancel came too late: the platform had already applied the { $count } changes (checked after Cancel). Undo is offered.
bulk-cancel-not-applied = Cancelled: the platform did not apply the { $count } changes (checked after Cancel).
bulk-cancel-unknown = Cancelled: whether the platform applied the { $count } changes cannot be known. The lists were read again; refresh (Ctrl+R) to see the memberships as they are.
bulk-done = { $added ->
    [one] One membership
   *[other] { $added } memberships
} added and { $removed } removed.
bulk-undone = Undone: { $removed } memberships removed again and { $added } restored.
bulk-impact-done = { $count ->
    [0] No member's permissions changed.
    [one] The permissions of one member changed.
   *[other] The permissions of { $count } members changed.
}
bulk-undo = Undo
bulk-undo-hint = Undo puts these memberships back as they were, after showing you what that changes.
bulk-refused = { $reason } Nothing was changed.
members-add-to-groups = Add to groups…
members-remove-from-groups = Remove from groups…
members-import-csv = Import CSV…
error-escalation-group = You cannot change “{ $group }” or its members: it grants permissions you don't hold yourself: { $detail }
members-col-joined = Joined
signin-register-title = Create your Orgdesk account
signin-register-name = Your name
signin-register-submit = Create account
signin-register-create = New here? Create an account
signin-register-have-account = I have an account: sign in
signin-register-working = Creating your account…
signin-register-need-name = Enter your name.
signin-insecure = { $host } would receive your password unencrypted over plain http. Use its https:// address.
file-too-large = The file is larger than { $mib } MiB; Orgdesk does not read it.
file-unreadable = The file cannot be read: { $detail }
wizard-checkout-not-web = The platform gave a checkout address that is not a web page, so Orgdesk did not open it: { $url }
wizard-subdomain-reserved = { $subdomain } is reserved by the platform; choose another.
audit-export-capped = The log has { $total } entries for these filters: narrow the time range and export the rest separately.
bulk-group-not-held = Not for you to change: it grants { $permissions }, which you do not hold.
org-choose-first = Choose an organization in the switcher above (or create one under Organization) to see this.
invitations-group-not-held = Grants { $permissions }, which you do not hold: you cannot invite into it.
link-copy = Copy link
link-copied = Link copied: { $link }
link-invalid = This link cannot be opened: it is not an Orgdesk link to a member, a group or an audit entry.
link-sign-in-first = Sign in to open the link; it opens once you are signed in.
link-other-platform = The link is for the platform at { $link }, but the console is signed in at { $here }. Sign in there to open it.
link-not-a-member = The link is for the organization { $org }, which is not among your organizations on this platform.
link-offline = The audit log cannot be opened while the platform is unreachable.
link-entry-title = Audit log entry
link-entry-loading = Looking for the entry…
link-entry-missing = The entry is not in the audit log, or not for you to see.
crash-notice = { $count ->
    [one] Orgdesk stopped unexpectedly last time. A report without passwords, tokens or email addresses is in { $folder }.
   *[other] Orgdesk stopped unexpectedly { $count } times. Reports without passwords, tokens or email addresses are in { $folder }.
}
crash-copy = Copy diagnostics
crash-copied = Diagnostics copied: paste them into your message to whoever helps you.
crash-dismiss = Dismiss

## The tenant boundary: verified domains, leaving, new refusals
error-code-invalid-domain = This is not a domain that can be claimed: { $detail }
error-code-domain-taken = Another organization has verified this domain already.
error-code-domain-not-verified = The TXT record was not found yet: { $detail }
error-code-account-not-managed = Only the organization that manages this account (through its verified domain) can do this. You can sign the member out of this organization instead.
error-code-signed-out-of-organization = An administrator signed you out of this organization. Sign in again to continue.
error-code-password-reused = Choose a password different from your current one.
error-code-too-many-unpaid-orgs = You have several organizations waiting for payment already. Pay for one or let one expire before creating another.
error-code-rate-limited = Too many requests of this kind. Try again in { $seconds } seconds.
error-code-busy = The platform is busy. Try again in { $seconds } seconds.
error-code-too-long = Too long: { $detail }
domains-title = Verified domains
domains-intro = Accounts whose confirmed email is at a domain you verified are managed by this organization: only it can force their password reset and see their contact details and sign-ins elsewhere.
domains-loading = Loading domains…
domains-not-allowed = Managing domains needs the permission org.domains.manage (Admin holds it).
domains-placeholder = e.g. example.com
domains-claim = Claim domain
domains-none = No domain claimed yet.
domains-claimed = { $domain } is claimed. Publish the TXT record below, then press Verify.
domains-verified-done = { $domain } is verified: its accounts are managed by this organization now.
domains-not-verified = { $domain } is not verified yet: { $detail } DNS changes can take a while to be seen; try again later.
domains-removed = { $domain } was given up.
domains-remove = Give up
domains-remove-title = Give up { $domain }?
domains-remove-body = Accounts at { $domain } are no longer managed by this organization: you can no longer force their password reset or see their contact details. Their memberships stay. Another organization may verify the domain afterwards.
domains-status-verified = Verified { $when }
domains-status-pending = Waiting for its TXT record
domains-verify = Verify
domains-copy = Copy
domains-publish = Publish this record in the domain's DNS:
domains-record-name = Name
domains-record-type = Type
domains-record-value = Value
profile-orgs-leave = Leave
profile-orgs-leave-title = Leave { $name }?
profile-orgs-leave-body = You lose your groups and every permission in { $name }, and your sessions stop working there. Your account and your other organizations stay. To come back, an administrator of { $name } has to add or invite you again.
profile-orgs-left = You left { $name }.
profile-orgs-leave-last-admin = You cannot leave { $name }: you are the last person who can manage its groups. Give another member that permission first.
audit-action-group-members-expire = Group membership ended (expired)
audit-action-group-managers-change = Group managers changed
audit-action-snapshot-create = Permission snapshot taken
audit-action-review-create = Access review started
audit-action-review-decide = Access review decisions recorded
audit-action-review-complete = Access review completed (attestation)

## Overview (the landing section of an organization)
nav-overview = Overview
overview-loading = Counting how the organization is doing…
overview-seats-title = Seats
overview-seats-used = { $used } of { $limit } seats used
overview-seats-frees = What frees seats:
overview-seats-pending = { $count ->
    [one] One pending invitation holds a seat
   *[other] { $count } pending invitations hold seats
}
overview-seats-suspended = { $count ->
    [0] No suspended members
    [one] One suspended member (suspending frees a seat)
   *[other] { $count } suspended members (suspending frees a seat)
}
overview-open-members = Members
overview-open-inactive = All { $days }+ days away
overview-sign-ins-title = Sign-ins, last { $days } days
overview-sign-ins-summary = { $count ->
    [0] Nobody signed in during these days.
    [one] One sign-in during these days.
   *[other] { $count } sign-ins during these days.
}
overview-sign-ins-day = { $day }: { $count ->
    [one] one sign-in
   *[other] { $count } sign-ins
}
overview-invitations-title = Invitations
overview-invitations-pending = { $count ->
    [one] One pending
   *[other] { $count } pending
}
overview-invitations-expiring = { $count ->
    [0] None expires within { $days } days.
    [one] One expires within { $days } days:
   *[other] { $count } expire within { $days } days:
}
overview-open-invitations = Pending invitations
overview-invitations-unavailable = You may not see this organization's invitations.
overview-inactive-title = Not signed in lately
overview-inactive-count = { $count ->
    [one] One active member
   *[other] { $count } active members
} not signed in for { $days } days
overview-audit-title = Recent events
overview-audit-unavailable = You may not read this organization's audit log.
overview-audit-empty = Nothing has happened yet.
overview-open-audit = Audit log

## A member row's context menu
members-menu-open = Open
members-menu-copy-email = Copy email
members-menu-add-to-group = Add to group…
members-menu-remove-from-group = Remove from group…

## The command palette (Ctrl+K) and the shortcuts sheet (F1)
palette-placeholder = Go to a section, an organization, a member, an action…
palette-nothing = Nothing matches.
palette-hint = ↑ ↓ to choose, Enter to go, Esc to close. Members are searched by name or email.
palette-kind-section = Section
palette-kind-organization = Organization
palette-kind-action = Action
palette-refresh = Refresh
palette-new-organization = Create new organization
shortcuts-title = Keyboard shortcuts
shortcuts-close = Close
shortcut-palette = Command palette: sections, organizations, members, actions
shortcut-search = Search the list in view
shortcut-refresh = Read the page in view again
shortcut-tab = Move the focus to the next or previous control (a ring shows it)
shortcut-press = Press the focused button or checkbox; open a focused list (↑ ↓ choose in it)
shortcut-arrows = Move in a table or the palette
shortcut-enter = Open the selected row or entry
shortcut-menu = The selected row's context menu
shortcut-escape = Close the dialog, menu or pane on top
shortcut-help = This sheet

## Table columns (src/widget/columns.rs)
columns-menu = Columns
columns-move-left = Move left
columns-move-right = Move right
columns-narrower = Narrower
columns-wider = Wider
columns-reset = Reset columns

## "Discard changes?" (src/widget/discard.rs)
discard-title = Discard changes?
discard-body = The changes you made here are not saved yet. Discard them, or keep editing to save them first.
discard-keep = Keep editing
discard-discard = Discard
discard-edited-title = { $title } •

## Long work (src/widget/progress.rs)
progress-counts = { $done } of { $total }
progress-working = Working…
progress-cancel = Cancel
progress-dismiss = Dismiss
audit-export-cancelled = Export cancelled: no file was written.
