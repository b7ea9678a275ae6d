site-name = UN-NGO-IRENE
skip-to-content = Skip to content
nav-main = Main
nav-directory = Directory
nav-networks = Networks
nav-themes = Themes
nav-languages = Language
footer-text = UN-NGO-IRENE: the informal regional network of non-governmental organisations and the United Nations.

home-title = Home
home-heading = Networks of NGOs working with the United Nations
home-intro = Find organisations across the networks, their thematic focal points and the Millennium and Sustainable Development Goals they work on, in English, Russian or Azerbaijani.

error-back-home = Back to the home page
error-bad-request-title = This request cannot be answered
error-not-found-title = Page not found
error-internal-title = Something went wrong
error-not-found = There is nothing at this address.
error-internal = The server could not answer this request. Please try again later.
error-param-unknown = Parameter “{ $name }”: “{ $value }” is not a value it accepts.
error-param-too-long = Parameter “{ $name }” is too long: at most { $max } characters.
error-param-not-a-number = Parameter “{ $name }” must be a whole number.
error-param-out-of-range = Parameter “{ $name }” must be between { $min } and { $max }.
error-param-invalid-utf8 = Parameter “{ $name }” is not valid UTF-8 text.
error-param-nul = Parameter “{ $name }” holds a NUL character, which no text may contain.
error-param-repeated = Parameter “{ $name }” may be given only once.

directory-title = Directory of organisations
directory-title-query = Organisations matching “{ $query }”
search-label = Search organisations by name, acronym, place or description
search-button = Search
facets-label = Filters
facet-country = Country
facet-kind = Kind of organisation
facet-theme = Theme
facet-network = Network
facet-status = ECOSOC consultative status
active-filters = Filtered by:
remove-filter = remove this filter
clear-filters = Clear all filters
sort-label = Sort by:
sort-relevance = relevance
sort-name = name
no-results = No organisation matches. Check the spelling, try fewer words or remove a filter.
pagination-label = Pages of results
page-previous = Previous
page-next = Next
organizations-found = { $count ->
    [0] No organisations found
    [one] { $count } organisation found
   *[other] { $count } organisations found
}
organizations-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
countries-count = { $count ->
    [one] { $count } country
   *[other] { $count } countries
}
networks-count = { $count ->
    [one] { $count } network
   *[other] { $count } networks
}
participants-count = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}

kind-ngo = Non-governmental organisation
kind-government = Government body
kind-un-agency = UN agency or programme
kind-donor = Donor
kind-business = Business
kind-academic = Academic institution
kind-media = Media

status-none = No consultative status
status-roster = Roster status
status-special = Special consultative status
status-general = General consultative status
status-unspecified = Consultative status (category not recorded)

profile-about = About
profile-names = Names
profile-other-name = Also known as
profile-kind = Kind
profile-consultative-status = ECOSOC consultative status
profile-granted = granted
profile-country = Country
profile-city = City
profile-address = Address
profile-phone = Telephone
profile-email = E-mail
profile-website = Website
profile-founded = Founded
profile-networks = Networks
profile-focal-points = Thematic focal points
profile-themes = Themes and goals
profile-people = People
profile-commitments = Commitments
profile-events = Meetings
role-coordinator = coordinator
role-member = member
role-lead = Lead
role-collaborator = In collaboration

networks-title = Networks
network-founded = founded
network-coordinator = Coordinator
network-no-coordinator = No coordinator yet
network-members = Members
network-with-status = Members in consultative status with ECOSOC
network-countries = Members per country
network-children = Networks within it
network-focal-points = Thematic focal points
focal-point-lead = Lead
focal-point-leads = Leads
focal-point-collaborators = In collaboration with
network-per-theme = Members per theme
network-member-list = Member organisations
network-no-members = No member organisations yet.
network-events = Meetings
level-global = Global level
level-regional = Regional network
level-national = National network

themes-title = Themes
theme-goals = Goals
theme-millennium-declaration = Rooted in the Millennium Declaration rather than in one of the Millennium Development Goals.
theme-no-goals = Not mapped to any goal yet.
theme-focal-points = Focal points across networks
theme-no-focal-points = No network has a focal point for this theme yet.
theme-organizations = Organisations working on this theme

mdg-full = Millennium Development Goal
mdg-short = MDG
sdg-full = Sustainable Development Goal
sdg-short = SDG
mdg-1 = Eradicate extreme poverty and hunger
mdg-2 = Achieve universal primary education
mdg-3 = Promote gender equality and empower women
mdg-4 = Reduce child mortality
mdg-5 = Improve maternal health
mdg-6 = Combat HIV/AIDS, malaria and other diseases
mdg-7 = Ensure environmental sustainability
mdg-8 = Develop a global partnership for development
sdg-1 = No Poverty
sdg-2 = Zero Hunger
sdg-3 = Good Health and Well-being
sdg-4 = Quality Education
sdg-5 = Gender Equality
sdg-6 = Clean Water and Sanitation
sdg-7 = Affordable and Clean Energy
sdg-8 = Decent Work and Economic Growth
sdg-9 = Industry, Innovation and Infrastructure
sdg-10 = Reduced Inequalities
sdg-11 = Sustainable Cities and Communities
sdg-12 = Responsible Consumption and Production
sdg-13 = Climate Action
sdg-14 = Life Below Water
sdg-15 = Life on Land
sdg-16 = Peace, Justice and Strong Institutions
sdg-17 = Partnerships for the Goals

nav-account = Account
error-sign-in-required = Please sign in to continue.
error-forbidden-title = Not allowed
error-forbidden = Your account may not do this here.
error-too-many-attempts-title = Too many attempts
error-too-many-attempts = Too many attempts in a short time. Please wait a while and try again.
error-too-large = What was sent is too large.

field-email = E-mail address
field-email-new = New e-mail address
field-display-name = Your name
field-password = Password
field-password-current = Current password
field-password-new = New password
field-password-confirm = New password again
field-setup-token = Setup code (printed in the server log)
form-required = Please fill this in.
form-too-long = { $count ->
    [one] At most { $count } character.
   *[other] At most { $count } characters.
}
form-email-invalid = This is not an e-mail address.
form-password-too-short = { $count ->
    [one] At least { $count } character, please.
   *[other] At least { $count } characters, please.
}
form-password-too-long = { $count ->
    [one] At most { $count } character.
   *[other] At most { $count } characters.
}
form-password-mismatch = The two passwords differ.
form-password-hint = { $count ->
    [one] A password of at least { $count } character; a sentence you remember is best.
   *[other] A password of at least { $count } characters; a sentence you remember is best.
}

signup-title = Create an account
signup-button = Create the account
signup-have-account = Already have an account?
signup-check-mail = We have sent a message to { $email }. Open the link in it to confirm your address and sign in.
confirm-title = Confirm your address
token-invalid = This link is not valid any more: it was used already or has expired. Ask for a new one.
signin-title = Sign in
signin-button = Sign in
signin-forgot = Forgot your password?
signin-unconfirmed = Your address is not confirmed yet. Open the link in the confirmation message we mailed you; we send a new one at most once an hour.
signin-wrong = The e-mail address or the password is wrong.
signout-button = Sign out
reset-title = Reset your password
reset-intro = Give the address of your account; we will send you a link to choose a new password.
reset-button = Send the link
reset-check-mail = If { $email } has an account, a message with a link is on its way. The link works for an hour.
reset-save = Save the new password

mail-confirm-subject = Confirm your UN-NGO-IRENE account
mail-confirm-body = Hello,

    please confirm your e-mail address by opening this link:

    { $link }

    If you did not create an account, ignore this message.
mail-exists-subject = Your UN-NGO-IRENE account
mail-exists-body = Hello,

    someone tried to create an account with this address, which already has one. If it was you and you forgot your password, you can choose a new one here:

    { $link }
mail-reset-subject = Choose a new UN-NGO-IRENE password
mail-reset-body = Hello,

    open this link within an hour to choose a new password:

    { $link }

    If you did not ask for this, ignore this message: your password stays as it is.
mail-email-change-subject = Confirm your new address for UN-NGO-IRENE
mail-email-change-body = Hello,

    open this link to make this the address of your account:

    { $link }

account-title = Your account
account-notice-welcome = Welcome! You are signed in.
account-notice-reset = Your new password is saved, and you are signed in. Your other sessions were ended and your API tokens revoked; make new tokens below if you need them.
account-notice-password = Your password is changed. Your other sessions were ended and your API tokens revoked; make new tokens below if you need them.
account-notice-email-sent = We have sent a link to the new address; open it to confirm the change.
account-notice-email-changed = Your e-mail address is changed.
account-notice-session-ended = The session is ended.
account-wrong-password = This is not your current password.
account-email-taken = Another account uses this address already.
account-role = Role
account-admin = Platform administrator
account-sessions = Where you are signed in
account-session-device = Browser
account-session-started = Signed in
account-session-last-seen = Last active
account-session-end = End this session
account-session-current = this browser
account-change-password = Change the password
account-change-email = Change the e-mail address
account-your-data = Your data
account-export = Download everything the platform holds about you (JSON)
account-delete = Delete the account
account-delete-explained = Your name, address and password are erased and you are signed out everywhere. Changes you made to the network's records stay, attributed to a deleted account.
account-delete-confirm = Yes, delete my account
account-delete-confirm-required = Tick the box to confirm.

setup-title = Set up the first administrator
setup-intro = This install has no administrator yet. Enter the setup code from the server's log and the administrator's details.
setup-button = Create the administrator
setup-token-wrong = This is not the setup code in the server's log.

form-has-errors = Some fields need your attention; see the messages beside them.
edit-title = Edit { $name }
edit-link = Edit the profile
edit-save = Save the changes
edit-saved = The changes are saved.
edit-name-en = Name in English
edit-name-ru = Name in Russian
edit-name-az = Name in Azerbaijani
edit-acronym = Acronym
edit-other-names = Other names and spellings (one per line)
edit-description = Description
edit-description-en = Description in English
edit-description-ru = Description in Russian
edit-description-az = Description in Azerbaijani
edit-markdown-hint = You may use Markdown: **bold**, *italic*, [links](https://example.org), lists.
edit-country-code = Country (two-letter ISO code, e.g. AZ)
edit-status-year = Year consultative status was granted
edit-name-required = Give the organisation's name in at least one language.
edit-choose = Choose one of the options.
edit-country-invalid = This is not a country code; use two letters, such as AZ or GE.
edit-website-invalid = Give a full address starting with https:// or http://.
edit-year-invalid = Give a year between 1800 and { $max }.
edit-conflict = Someone else saved changes to this profile while you were editing it. Nothing of yours is saved yet: compare, adjust the form (it holds what you typed) and save again.
edit-conflict-field = Field
edit-conflict-saved = Saved meanwhile
edit-conflict-yours = Yours
history-link = History of changes
history-title = History of { $name }
history-empty = No changes recorded yet.
history-before = Before
history-after = After
history-restore = Restore this version
history-deleted-account = a deleted account
history-system = the system
history-action-organization-create = Registered
history-action-organization-update = Edited
history-action-organization-restore = Restored an earlier version
history-action-request-approve = Request approved
history-action-request-decline = Request declined
verified = Verified
verified-expired = Verification expired
verified-on = by the network coordinator on
verified-until = valid until

register-title = Register an organisation
register-intro = Add your organisation to the directory. You become its editor; a network's coordinator verifies it when it joins the network.
register-button = Register the organisation
join-link = Ask to join a network
claim-link = This is my organisation: ask to edit it
join-title = { $name } asks to join a network
claim-title = Ask to edit { $name }
claim-intro = Tell the coordinator who you are in this organisation. Once approved, you can edit its profile.
join-no-networks = This organisation is already a member of every network.
join-network = Network
request-message = Message to the coordinator (optional)
request-button = Send the request
request-sent = Your request is sent. The coordinator will answer by e-mail.
request-kind-join = Request to join
request-kind-claim = Request to edit
requests-title = Requests to decide
requests-none = No request is waiting.
request-approve = Approve
request-decline = Decline
request-reason = Reason for declining (sent to the applicant)
request-reason-required = Give the reason: the applicant will read it.
request-notice-approved = The request is approved and the applicant told.
request-notice-declined = The request is declined and the applicant told.
account-register = Register an organisation
account-requests = Requests to decide
account-organizations = Organisations you edit

mail-request-subject = A new request about { $organization }: { $request }
mail-request-body = Hello,

    { $requester } asks on behalf of { $organization }: { $request }. The requests waiting for you are here:

    { $link }
mail-request-join = to join { $network }
mail-request-claim = to edit the organisation's profile
mail-approved-subject = Approved: { $request } ({ $organization })
mail-approved-body = Hello,

    the coordinator approved your request about { $organization }: { $request }. The organisation's profile:

    { $link }
mail-declined-subject = Declined: { $request } ({ $organization })
mail-declined-body = Hello,

    the coordinator declined your request about { $organization } ({ $request }), for this reason:

    { $reason }

    The organisation's profile:

    { $link }
edit-conflict-reload = Someone else saved changes here while you were editing. Nothing of yours is saved yet: the form holds what you typed; reload the page to see their version, then save again.
edit-founded-on = Founded on (YYYY-MM-DD)
edit-date-invalid = Give a date as YYYY-MM-DD, for example 2004-11-26.
network-edit-link = Edit the network
network-coordinator-field = Coordinating organisation
network-hand-over-hint = Choosing another organisation hands coordination over: its editors become the coordinators, and yours stop being.
focal-point-edit-link = Edit
focal-point-title-en = Title in English
focal-point-title-ru = Title in Russian
focal-point-title-az = Title in Azerbaijani
focal-point-goals-label = Goals as the network states them (e.g. MDG 7)
focal-point-roles = Lead and collaborating organisations
focal-point-lead-required = Choose at least one lead organisation.
focal-point-both = An organisation cannot both lead and collaborate.
editors-link = Editors
editors-title = Editors of { $name }
invite-heading = Invite a colleague
invite-email = Colleague's e-mail address
invite-button = Send the invitation
invite-sent = An invitation is on its way to { $email }. It works for two weeks.
invite-title = Invitation
invite-other-address = This invitation was sent to { $email }. Sign in with that address to accept it.
invite-withdrawn = This invitation no longer holds: the person who sent it may no longer invite editors to this organisation. Ask one of its editors for a new one.
mail-invite-subject = An invitation to edit an organisation on UN-NGO-IRENE
mail-invite-body = Hello,

    { $name } invites you to edit the profile of { $organization } on UN-NGO-IRENE. Open this link, and sign in or create an account with this address:

    { $link }
people-link = People
people-title = People of { $name }
people-honorific = Honorific (Ms, Mr, Dr…)
people-name-en = Name in English
people-name-ru = Name in Russian
people-name-az = Name in Azerbaijani
people-title-en = Position in English
people-title-ru = Position in Russian
people-title-az = Position in Azerbaijani
people-add = Add a person
people-remove = Remove from this organisation
people-name-required = Give the person's name in at least one language.
history-action-person-add = Person added
history-action-person-update = Person corrected
history-action-person-remove = Person removed
history-action-editor-join = Editor joined
theme-edit-link = Edit the theme
theme-edit-declaration = Rooted in the Millennium Declaration
mail-reverify-subject = A member's verification runs out soon
mail-reverify-body = Hello,

    the verification of { $organization } by your network runs out within a month, or has run out. Please check its profile and, if it is still a member in good standing, approve it again:

    { $link }
verify-again = Verify as a member in good standing
history-action-organization-verify = Verified by the coordinator
field-name = Name
field-acronym = Acronym
field-other-names = Other names
field-kind = Kind
field-country = Country
field-city = City
field-address = Address
field-phone = Telephone
field-website = Website
field-founded-year = Founded
field-description = Description
field-consultative-status = Consultative status
field-status-year = Status granted in
field-coordinator = Coordinator
field-founded-on = Founded on
field-title = Title
field-theme = Theme
field-goals-label = Goals
field-leads = Leads
field-collaborators = In collaboration
field-honorific = Honorific
field-mdgs = MDGs
field-sdgs = SDGs
field-millennium-declaration = Millennium Declaration
network-history-link = History of changes
history-action-network-update = Network edited
history-action-network-hand-over = Coordination handed over
history-action-focal-point-update = Focal point edited
history-action-theme-update = Theme edited
history-action-focal-point-restore = Focal point restored
download-results = Download:
api-link = Open data API
profile-open-data = Open data
error-unauthorized = This needs an API token: send it as “Authorization: Bearer …”. Tokens are made on your account page.
error-conflict = The record changed since you read it: read it again, then send your change with the new version.
account-tokens = API tokens
account-tokens-explained = A token lets a program act for you through the API, with your rights. It is shown once, when made.
account-token-name = Name of the token (what uses it)
account-token-write = May change data (not only read)
account-token-create = Make a token
account-token-created = Your new token (copy it now; it will not be shown again):
account-token-revoke = Revoke
account-token-never-used = never used
account-token-used = last used
error-param-invalid = Parameter “{ $name }”: { $message }

## Newsletter
newsletter-link = Newsletter
newsletter-title = { $network }: newsletter
newsletter-subscribe-title = Subscribe
newsletter-email = E-mail address
newsletter-lang = Language
newsletter-lang-invalid = Choose one of the languages offered.
newsletter-lang-save = Save language
newsletter-country = Country
newsletter-country-any = Any country
newsletter-themes = Themes
newsletter-themes-hint = Tick the themes you follow, or none to receive every section.
newsletter-theme-invalid = One of the themes ticked does not belong to this network.
newsletter-consent = I agree to receive the newsletter of { $network } by e-mail at this address. I can unsubscribe at any time, from every issue.
newsletter-consent-required = Tick the box to agree to receiving the newsletter.
newsletter-subscribe-button = Subscribe
newsletter-check-inbox = If { $email } is not yet subscribed, a message with a confirmation link is on its way to it. The subscription starts once you open the link.
newsletter-confirm-subject = Confirm your subscription to the newsletter of { $network }
newsletter-confirm-body = Hello,

    Someone, probably you, asked to receive the newsletter of { $network } at this address. To confirm, open this link and press the button:

    { $link }

    If it was not you, ignore this message: nothing will be sent to you.
newsletter-confirm-title = Confirm your subscription
newsletter-confirm-intro = Press the button to start receiving the newsletter.
newsletter-confirm-button = Confirm my subscription
newsletter-archive = Past issues
newsletter-archive-empty = No issue has been sent yet.
newsletter-feed = Follow the issues as an Atom feed
newsletter-unsubscribe-title = Unsubscribe
newsletter-unsubscribe-intro = Stop sending the newsletter of { $network } to { $email }?
newsletter-unsubscribe-button = Unsubscribe
newsletter-unsubscribed = { $email } will receive no more issues of the newsletter of { $network }.
newsletter-manage-link = Manage all subscriptions of this address
newsletter-manage-title = Your newsletter subscriptions
newsletter-manage-intro = Subscriptions of { $email }:
newsletter-manage-none = This address has no subscriptions.
newsletter-manage-saved = Saved.
newsletter-manage-held = Mail to this address has failed several times, so no newsletter is sent to it for now. Write to the network's coordinator once the address works again.
newsletter-resubscribe = Subscribed again from the subscription management page.
newsletter-resubscribe-button = Subscribe again
newsletter-network = Network
newsletter-status = Status
newsletter-actions = Actions
newsletter-status-pending = Waiting for confirmation
newsletter-status-active = Subscribed
newsletter-status-unsubscribed = Unsubscribed
newsletter-campaigns-link = Write and send issues
newsletter-subscribers = Subscribers
newsletter-subscribers-none = No one has subscribed yet.
newsletter-held = Held addresses
newsletter-bounces = Failures
newsletter-held-why = Last answer of the mail server
newsletter-held-since = Held since
newsletter-mail-reason = You receive this newsletter of { $network } because you subscribed to it.
newsletter-mail-web = Read it in your browser
newsletter-mail-manage = Manage your subscriptions
newsletter-mail-unsubscribe = Unsubscribe
campaigns-title = { $network }: newsletter issues
campaigns-none = No issue has been written yet.
campaign-new = Write a new issue
campaign-compose-title = { $network }: an issue of the newsletter
campaign-section = Section
campaign-section-all = The whole newsletter
campaign-section-invalid = Choose one of the sections offered.
campaign-section-forbidden = You may write only the sections of the themes your organisation leads.
campaign-main-lang = Main language
campaign-main-lang-hint = Subscribers whose language has no version receive the main language's version.
campaign-main-missing = The main language needs its version.
campaign-subject = Subject
campaign-body = Text (Markdown)
campaign-audience = Audience
campaign-audience-hint = Tick nothing to send to every confirmed subscriber; ticked countries, languages and themes narrow the audience.
campaign-audience-invalid = One of the choices ticked is not on offer.
campaign-audience-everyone = Every confirmed subscriber
campaign-save = Save the draft
campaign-sent-count = Sent
campaign-status-draft = Draft
campaign-status-scheduled = Scheduled
campaign-status-sending = Sending
campaign-status-paused = Paused
campaign-status-sent = Sent
campaign-status-cancelled = Cancelled
campaign-recipients = { $count ->
    [one] { $count } recipient
   *[other] { $count } recipients
}
campaign-preview = Preview
campaign-progress = Progress
campaign-actions = What next
campaign-edit = Edit
campaign-send-now = Send now
campaign-when = Send at (UTC)
campaign-when-invalid = Give a date and time, such as 2026-12-01T09:00.
campaign-when-past = That time has passed; choose a later one.
campaign-schedule = Schedule
campaign-unschedule = Keep as a draft
campaign-pause = Pause
campaign-resume = Resume
campaign-cancel = Cancel the issue
campaign-web-version = The issue as published
campaign-test-addresses = Send a test to (up to five addresses, separated by commas)
campaign-test-send = Send a test
campaign-test-marker = Test
campaign-test-none = Give at least one address.
campaign-test-bad-address = “{ $address }” is not an e-mail address.
campaign-test-too-many = { $count ->
    [one] Send a test to at most { $count } address.
   *[other] Send a test to at most { $count } addresses.
}
campaign-test-sent = { $count ->
    [one] The test was sent to { $count } address.
   *[other] The test was sent to { $count } addresses.
}
campaign-test-failed = The test could not be sent everywhere: { $errors }
campaign-recipients-heading = Recipients
delivery-status-queued = Queued
delivery-status-sending = Sending
delivery-status-sent = Sent
delivery-status-failed = Failed
delivery-status-skipped = Skipped
delivery-attempts = Attempts
delivery-sent-at = Sent at
delivery-error = Error
newsletter-organization-link = Newsletters of its networks
newsletter-organization-title = { $name }: newsletters of its networks
newsletter-organization-intro = Subscribe the organisation's address to the newsletters of the networks it belongs to. A confirmation link goes to that address first.
newsletter-organization-none = The organisation belongs to no network yet.
import-missing-name = missing name
import-bad-slug = “{ $value }” is not a slug (lowercase letters, digits and hyphens)
import-unknown-kind = unknown kind “{ $value }”
import-bad-country = bad country code “{ $value }” (ISO 3166 alpha-2, such as AZ)
import-bad-email = bad e-mail “{ $value }”
import-bad-website = “{ $value }” does not start with https:// or http://
import-bad-year = “{ $value }” is not a year
import-unknown-status = unknown status “{ $value }”
import-unknown-network = unknown network “{ $value }”
import-missing-person-name = missing the person's name
import-no-name-column = no name column (name_en, name_ru or name_az)
import-duplicate = duplicate of an earlier line
import-unreadable = unreadable: { $error }
import-file-unreadable = the file cannot be read
import-cell-error = a cell error ({ $error })
import-not-a-text = a text, a number or a list of texts is expected
import-nul = holds a NUL character, which no text may contain
import-no-sheet = the workbook has no sheet
import-too-many-columns = more columns than a sheet can have
import-title = Import organisations
import-intro = A CSV, XLSX or JSON file with the columns of the CSV export, and people as person_name, person_position, person_email and person_phone. The file is checked first and nothing is written until every problem is fixed.
import-file = File (CSV, XLSX or JSON)
import-mapping = Column mapping (optional)
import-mapping-hint = One a line: the file's column = ours, such as Organisation = name_en
import-check = Check the file
import-problems = { $count ->
    [one] One problem; nothing was written
   *[other] { $count } problems; nothing was written
}
import-line = Line
import-column = Column
import-message = Problem
import-ready = No problem found. Importing will add { $added } organisations, update { $updated } and bring { $people } people.
import-confirm = Import
import-done = Imported: { $added } organisations added, { $updated } updated, { $people } people.
import-again = Import another file
import-no-file = Choose a file to import.
import-too-large = The file is larger than { $count } MiB; import it with irene import instead.
import-expired = This file is no longer waiting to be imported; upload it again.
import-bad-mapping = “{ $line }” is not “file column = column” with one of the import's columns
profile-person-vcard = Contact card
ecosoc-desk-link = ECOSOC consultative status
ecosoc-desk = Consultative-status desk
ecosoc-desk-title = ECOSOC consultative status: { $name }
ecosoc-eligibility-title = Eligibility for consultative status: { $name }
ecosoc-session-regular = Regular session { $year } (January–February)
ecosoc-session-resumed = Resumed session { $year } (May–June)
ecosoc-criterion-headquarters = An established headquarters, with an executive officer
ecosoc-criterion-constitution = A democratically adopted constitution
ecosoc-criterion-authority = Authority to speak for its members
ecosoc-criterion-representative = A representative structure
ecosoc-criterion-accountability = Mechanisms of accountability to its members
ecosoc-criterion-transparency = Democratic and transparent decision-making
ecosoc-criterion-funding = Basic resources mainly from non-governmental sources, government funds openly declared
ecosoc-criterion-relevance = Activities relevant to the work of ECOSOC
ecosoc-met = Met
ecosoc-not-met = Not met
ecosoc-unanswered = Not answered
ecosoc-registration-unknown = Registration date not given yet
ecosoc-registered-invalid = Give the registration date as YYYY-MM-DD, not in the future.
ecosoc-step-submitted = Submitted
ecosoc-step-screening = Screening by the NGO Branch
ecosoc-step-questions = Questions received
ecosoc-step-deferred = Deferred
ecosoc-step-recommended = Recommended by the Committee
ecosoc-step-granted = Granted by ECOSOC
ecosoc-step-not-recommended = Not recommended
ecosoc-step-closed = Closed without prejudice
ecosoc-step-withdrawn = Withdrawn
ecosoc-step-report-filed = Quadrennial report filed
ecosoc-step-reclassification-requested = Reclassification requested
ecosoc-step-reclassified = Reclassified
ecosoc-step-name-change-requested = Change of name requested
ecosoc-step-name-changed = Change of name noted
ecosoc-date-invalid = Give the date as YYYY-MM-DD, not in the future.
ecosoc-date-before-last = The last step was recorded on { $date }; this one cannot be earlier.
ecosoc-question-required = Write the question received.
ecosoc-answer-required = Write the answer before marking it sent.
history-action-ecosoc-eligibility = Eligibility answers saved
history-action-ecosoc-step = Step recorded
history-action-ecosoc-answer-drafted = Answer drafted
history-action-ecosoc-answer-sent = Answer sent
field-registered-on = Registered on
field-answers = Answers
field-step = Step
field-on-date = Date
field-session = Session
field-category = Category
field-note = Note
field-answer = Answer
field-answer-sent-on = Answer sent on
ecosoc-report-due = The quadrennial report for { $period } is due on { $due } ({ $days } days left). If it is missing, status is suspended for one year from { $suspended }, and withdrawn on { $withdrawn } unless the report is filed within that year.
ecosoc-reinstated = Status was reinstated when the previous report came during its suspension.
ecosoc-suspended = Status is suspended since { $since }: the quadrennial report for { $period } is missing. File it before { $withdrawn } to have status reinstated; otherwise it is withdrawn on { $withdrawn }.
ecosoc-withdrawn = Status was withdrawn on { $on }: the quadrennial report for { $period } was not filed within the year of suspension. The organisation may apply again from { $reapply }.
mail-ecosoc-report-subject = Quadrennial report due on { $due }: { $organization }
mail-ecosoc-report-body = { $standing }

    The desk of your organisation: { $link }
ecosoc-eligible = Every criterion is met: the organisation can apply.
ecosoc-not-eligible = Not every criterion is met yet.
ecosoc-earliest = Earliest day the application could be received
ecosoc-deadline = Deadline it would be in time for
ecosoc-examined-at = Committee session that would examine it
ecosoc-assessment = What the desk concludes
ecosoc-your-answers = Your answers
ecosoc-registered-on = Date of registration with the government
ecosoc-registered-on-hint = As on the registration certificate, YYYY-MM-DD.
ecosoc-yes = Yes
ecosoc-no = No
ecosoc-save = Save
ecosoc-eligibility = Eligibility
ecosoc-eligibility-intro = Answer the criteria of resolution 1996/31 to see whether and when the organisation can apply.
ecosoc-eligibility-link = Check eligibility
ecosoc-application = Application
ecosoc-stage = Current stage
ecosoc-no-application = No application recorded yet.
ecosoc-closed-computed = Closed without prejudice on { $date }: questions stayed unanswered through two sessions.
ecosoc-timeline = Steps recorded
ecosoc-on-date = Date
ecosoc-step = Step
ecosoc-session = Session
ecosoc-category = Category
ecosoc-note = Note
ecosoc-record-step = Record a step
ecosoc-session-if-any = Session (for questions and deferral)
ecosoc-category-if-any = Category (for recommendation, grant and reclassification)
ecosoc-note-or-question = Note, or the question received
ecosoc-record = Record
ecosoc-questions = Questions from the Committee
ecosoc-no-questions = No questions received.
ecosoc-answer-sent = Answer sent on
ecosoc-answer = Answer
ecosoc-answer-sent-on = Date the answer was sent (leave empty while drafting)
ecosoc-save-answer = Save the answer
ecosoc-status = Status and quadrennial reports
ecosoc-cycle-since = Reporting cycle counted from
ecosoc-no-reporting-status = The organisation holds no general or special status, so it has no quadrennial reports.
ecosoc-dossier = Application dossier
ecosoc-dossier-title = Application dossier: { $name }
ecosoc-dossier-link = Prepare the application dossier
ecosoc-part-contact = Contact and headquarters details
ecosoc-part-mission = Mission
ecosoc-part-activities = Activities and their relevance to ECOSOC
ecosoc-part-structure = Structure and governance
ecosoc-part-membership = Membership
ecosoc-part-funding = Funding
ecosoc-part-publications = Publications
ecosoc-part-summary = Summary
ecosoc-document-constitution = Constitution, statutes or by-laws, with amendments
ecosoc-document-registration = Certificate of registration
ecosoc-document-financial-statement = Latest financial statement
ecosoc-document-annual-report = Latest annual report
ecosoc-document-publications = Examples of publications or statements
ecosoc-document-organisation-chart = Organisation chart
ecosoc-completeness = Complete
ecosoc-days-left = { $count ->
    [one] { $count } day left
    *[other] { $count } days left
    }
ecosoc-print-link = Printable version of the whole dossier
ecosoc-dossier-language = Language of the dossier (the UN takes English or French)
ecosoc-questionnaire = Questionnaire
ecosoc-documents = Documents
ecosoc-optional = optional
ecosoc-missing = missing
ecosoc-document-kind = Document
ecosoc-file = File
ecosoc-file-hint = PDF, Word, OpenDocument, PNG or JPEG, up to { $count } MB.
ecosoc-upload = Upload
ecosoc-file-missing = Choose a file to upload.
ecosoc-file-too-large = The file is larger than { $count } MB.
ecosoc-file-type = Only PDF, Word, OpenDocument, PNG or JPEG files are accepted.
history-action-ecosoc-dossier = Dossier edited
history-action-ecosoc-document = Document uploaded
field-language = Language
field-contact = Contact and headquarters details
field-mission = Mission
field-activities = Activities
field-structure = Structure and governance
field-membership = Membership
field-funding = Funding
field-publications = Publications
field-summary = Summary
field-document = Document
field-file-name = File
field-size = Size (bytes)
field-sha256 = SHA-256
ecosoc-pipeline-not-started = Not started
ecosoc-pipeline-eligible = Eligible
ecosoc-pipeline-preparing = Preparing
ecosoc-pipeline-submitted = Submitted
ecosoc-pipeline-deferred = Deferred or questioned
ecosoc-pipeline-recommended = Recommended
ecosoc-pipeline-granted = Holds status
ecosoc-pipeline-closed = Closed
ecosoc-board-title = Consultative status across { $name }
ecosoc-board-link = Consultative-status board
ecosoc-board-pipeline = Members by stage and country
ecosoc-board-country = Country
ecosoc-board-total = Total
ecosoc-board-categories = Status held, by category
ecosoc-board-late = Late with a quadrennial report
ecosoc-board-none = None.
ecosoc-board-members = Members
ecosoc-board-organization = Organisation
ecosoc-board-report-due = Quadrennial report due
ecosoc-board-no-country = Country not given
ecosoc-board-suspended = suspended: the report due on { $due } is missing
ecosoc-board-withdrawn = withdrawn on { $on } for a missing report
ecosoc-calendar-title = Calendar of the Committee on NGOs
ecosoc-calendar-intro = Sessions are shown by the months they are held in; the exact days are set each year by the Committee.
ecosoc-calendar-what = What
ecosoc-calendar-deadline = Deadline for complete applications, examined at the { $session }
ecosoc-calendar-reports = Quadrennial reports due
ecosoc-calendar-council = ECOSOC decides on the Committee's recommendations (usually in July)
ecosoc-station-new-york = New York
ecosoc-station-geneva = Geneva
ecosoc-station-vienna = Vienna
ecosoc-role-president = President or Chief Executive Officer
ecosoc-role-administrative = Chief Administrative Officer
ecosoc-role-main = Main representative
ecosoc-role-additional = Additional representative
ecosoc-refusal-too-young = { $count ->
    *[other] Representatives must be at least { $count } years old.
    }
ecosoc-refusal-station-full = { $count ->
    *[other] A duty station gives at most { $count } annual passes.
    }
ecosoc-refusal-role-full = This station has no pass left for this role this year.
ecosoc-refusal-head-differs = The President/CEO and the Chief Administrative Officer must be the same people at every station.
ecosoc-refusal-heads-not-approved = The President/CEO or the Chief Administrative Officer must be approved at this station before any other pass.
ecosoc-representative-name = Give the representative's name (up to 200 characters).
ecosoc-representatives-title = Representatives and grounds passes: { $name }
ecosoc-representatives-link = Representatives and grounds passes
ecosoc-representatives-rules = Each duty station gives up to 7 annual passes, valid to 31 December: the President/CEO and the Chief Administrative Officer (the same people at every station, one of them approved before any other pass), one main representative and up to four additional representatives, all at least 18 years old.
ecosoc-representatives-years = Years
ecosoc-representatives-year = Passes for { $count }
ecosoc-role = Role
ecosoc-representative = Representative
ecosoc-approved-on = Approved on
ecosoc-actions = Actions
ecosoc-mark-approved = Mark approved today
ecosoc-remove = Remove
ecosoc-designate = Designate a representative
ecosoc-station = Duty station
ecosoc-born-on = Date of birth
history-action-ecosoc-representative = Representative designated
history-action-ecosoc-representative-approve = Representative's pass approved
history-action-ecosoc-representative-remove = Representative removed
field-year = Year
field-station = Duty station
field-role = Role
ecosoc-import-title = Import the list of organisations in consultative status
ecosoc-import-intro = A CSV file with a header line naming the columns name, country, category (general, special or roster) and year granted. Nothing is written before you review the matches.
ecosoc-import-file = CSV file
ecosoc-import-read = Read and match
ecosoc-import-problems = Nothing was read: the file has problems.
ecosoc-import-unreadable = The file cannot be read as CSV.
ecosoc-import-header = The header line must name the columns name, category and year (country is optional).
ecosoc-import-bad-line = Line { $line } cannot be read.
ecosoc-import-nul = Line { $line } holds a NUL character, which no text may contain.
ecosoc-import-no-name = Line { $line }: the name is missing.
ecosoc-import-bad-category = Line { $line }: the category must be general, special or roster.
ecosoc-import-bad-year = Line { $line }: the year must be between 1946 and this year.
ecosoc-import-empty = The file has no lines after its header.
ecosoc-import-review-title = Review the matches before they are written
ecosoc-import-applied = The checked matches were written to the directory.
ecosoc-import-uncertain = Uncertain matches
ecosoc-import-uncertain-intro = The words are the same in another order, the country differs, or several entries share the name: check those that are the same organisation.
ecosoc-import-certain = Certain matches
ecosoc-import-apply = Write the checked matches
ecosoc-import-unmatched = Not in the directory
ecosoc-import-line = Line
history-action-ecosoc-import = Status taken from the UN list
ecosoc-index-title = ECOSOC consultative status
ecosoc-index-organizations = Desks of the organisations you edit
ecosoc-index-networks = Boards of the networks you coordinate
campaign-follow-off = Stop updating this page by itself
campaign-follow-on = Update this page by itself while the issue is sent
history-action-ecosoc-document-delete = Document removed
ecosoc-file-replaces = A new registration certificate, financial statement, annual report or organisation chart replaces the one before; constitutions with their amendments and publications add up.
ecosoc-new-name-if-any = New name (for a change of name, as the Committee noted it)
ecosoc-new-name-required = Write the new name the Committee took note of.
history-action-organization-name-change = Renamed after the Committee took note of the change
ecosoc-report-unknown = Report history unknown — record the last report filed.
ecosoc-last-report-hint = The status came from the directory or the UN list, so its earlier reports were not recorded here. Reports due by the end of the year given are taken as filed.
ecosoc-last-report-year = Year the last quadrennial report was filed
ecosoc-last-report-year-invalid = Give a year from { $from } to { $to }.
history-action-ecosoc-last-report = Year of the last report recorded
field-last-report-year = Last report filed
people-email = E-mail in this position
people-phone = Telephone in this position
import-link = Import organisations from a file
newsletter-more = Choose your country and themes, and read past issues
newsletter-default-lang = Default language of the newsletter (new issues are written in it first; readers of a language without a version get it)
newsletter-default-lang-save = Save
newsletter-release = Send to it again
ecosoc-save-dossier = Save the dossier
ecosoc-dossier-stale = Someone else saved the dossier after you opened it. What you typed is kept below: check it against the saved version (print version) and save again.
ecosoc-dossier-shared = Share the dossier with the coordinators of our networks
ecosoc-dossier-shared-hint = Otherwise only this organisation's editors read the questionnaire and its documents; administrators do not either.
field-shared-with-coordinators = Shared with the networks' coordinators
ecosoc-storage = The documents take { $used } MB of the { $quota } MB this organisation may store.
ecosoc-quota-exceeded = This file does not fit: the organisation's documents may take { $quota } MB together and take { $used } MB already. Remove a document to make room.
