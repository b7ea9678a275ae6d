# Events: pages, forms, registration and its mail.
event-kind-workshop = Workshop
event-kind-conference = Conference
event-kind-meeting = Country-team meeting
event-kind-field-visit = Field visit
event-kind-official-meeting = Official meeting
event-kind-webinar = Webinar
session-kind-plenary = Plenary
session-kind-working-group = Working group
session-kind-presentation = Presentation
session-kind-break = Break
registration-kind-participant = Participant
registration-kind-speaker = Speaker
registration-kind-media = Media
registration-kind-government = Government
registration-kind-un = United Nations
registration-status-confirmed = Seat confirmed
registration-status-waiting = On the waiting list
registration-status-cancelled = Cancelled
events-title = Events
events-of = Events: { $owner }
events-calendar-link = Events and calendar
events-back-to-owner = Back
events-feed = Subscribe to the calendar (iCalendar)
events-new = Add an event
events-none = No events yet.
events-undated = Date not recorded
events-when = When
events-where = Where
events-online = Online
events-languages = Languages
events-theme = Theme
events-organizers = Organisers
events-partners = Partners
events-chair = Chaired by
events-attendance = Attendance
events-capacity = Capacity
events-seats-left = { $count ->
    [one] { $count } seat left
   *[other] { $count } seats left
}
events-programme = Programme
events-programme-print = Printable programme
events-programme-of = Programme: { $event }
events-programme-heading = Programme of meetings and agenda
events-no-programme = No programme has been recorded.
events-add-to-calendar = Add to calendar (.ics)
events-participant-list = List of participants
events-participants-of = List of participants: { $event }
events-participants-note = Only participants who agreed to appear here are listed.
events-no-participants = Nobody is listed yet.
events-participant-name = Name
events-participant-organization = Organisation
events-participant-country = Country
events-edit = Edit the event
events-back = Back to the event
events-session-time = Time and room
events-session = Session
events-session-people = Speakers and facilitators
events-session-outcome = Outcome
events-role-speaker = speaker
events-role-facilitator = facilitator
events-role-chair = chair
events-role-member = member
events-registration = Registration
events-count-confirmed = { $count ->
    [one] { $count } seat taken
   *[other] { $count } seats taken
}
events-count-waiting = { $count ->
    [one] { $count } person waiting
   *[other] { $count } people waiting
}
events-registration-kind = I register as
events-your-name = Your name
events-your-email = Your e-mail address
events-your-organization = Your organisation (optional)
events-consent-listed = List my name, organisation and country in the published list of participants.
events-register = Register
events-registration-closed = Registration is not open for this event.
events-registered-confirmed = You are registered: your seat is confirmed. A confirmation is on its way by e-mail.
events-registered-waiting = The event is full: you are on the waiting list, and will be told by e-mail if a seat frees up.
events-name-required = Give your name.
events-email-invalid = Give a valid e-mail address.
events-country-invalid = Give the two-letter ISO code of a country, such as AZ.
events-cancel-title = Cancel a registration
events-cancel-question = Cancel the registration of { $name } for “{ $event }”?
events-cancel-button = Cancel my registration
events-cancelled = Your registration is cancelled. If you held a seat, it goes to the first person on the waiting list.
events-cancelled-before = This registration was already cancelled.
events-new-title = A new event
events-edit-title = Edit: { $event }
events-kind = Kind of event
events-title-en = Title (English)
events-title-ru = Title (Russian)
events-title-az = Title (Azerbaijani)
events-title-required = Give the event a title.
events-starts-on = First day (YYYY-MM-DD)
events-ends-on = Last day (YYYY-MM-DD; empty for a one-day event)
events-start-time = Starts at (HH:MM, optional)
events-end-time = Ends at (HH:MM, optional)
events-time-zone = Time zone (IANA name, such as Asia/Baku)
events-location-en = Venue (English)
events-location-ru = Venue (Russian)
events-location-az = Venue (Azerbaijani)
events-online-url = Online link (https://…)
events-languages-field = Languages (codes such as en, ru, az)
events-capacity-field = Capacity (seats; empty for no limit)
events-registration-open = Registration is open
events-description-en = Description (English, Markdown)
events-description-ru = Description (Russian, Markdown)
events-description-az = Description (Azerbaijani, Markdown)
events-organizations = Organisers and partners
events-role-none = Not named
events-role-organizer = Organiser
events-role-partner = Partner
events-no-theme = No particular theme
events-day-invalid = Give a day as YYYY-MM-DD.
events-time-invalid = Give a time as HH:MM.
events-zone-invalid = Give a time zone of the IANA database, such as Asia/Baku or Europe/Istanbul.
events-ends-before-start = The event must end after it starts.
events-url-invalid = Give an address starting with https:// or http://.
events-languages-invalid = Give language codes of two or three letters, separated by commas.
events-capacity-invalid = Give a number of seats from 1 to 100000, or leave it empty.
events-mail-confirmed-subject = Registration confirmed: { $event }
events-mail-confirmed-body = Dear { $name },

    your seat at “{ $event }” is confirmed. The event is attached to this message, to add to your calendar.

    The event: { $page }
    To cancel your registration: { $cancel }
events-mail-waiting-subject = Waiting list: { $event }
events-mail-waiting-body = Dear { $name },

    “{ $event }” is full, so you are on its waiting list. If a seat frees up, it is yours in turn and we will write to you.

    The event: { $page }
    To leave the waiting list: { $cancel }
events-mail-promoted-subject = A seat is yours: { $event }
events-mail-promoted-body = Dear { $name },

    a seat at “{ $event }” has freed up and is now yours. The event is attached to this message, to add to your calendar.

    The event: { $page }
    To cancel your registration: { $cancel }

events-registrations = Registrations and check-in
events-registrations-of = Registrations: { $event }
events-count-checked-in = { $count ->
    [one] { $count } checked in
   *[other] { $count } checked in
}
events-export-csv = Export as CSV
events-badges = Badges to print
events-badges-of = Badges: { $event }
events-no-registrations = Nobody has registered yet.
events-registration-kind-column = As
events-registration-status = Status
events-check-in = Check in
events-checked-in = present
events-outcome = Outcome report
events-outcome-en = Outcome report (English, Markdown)
events-outcome-ru = Outcome report (Russian, Markdown)
events-outcome-az = Outcome report (Azerbaijani, Markdown)
events-programme-edit = Edit the programme
events-programme-edit-of = Programme: { $event }
events-session-add = Add a session
events-session-delete = Remove
events-session-kind = Kind of session
events-session-day = Day (YYYY-MM-DD, optional)
events-session-room = Room (optional)
events-session-outcome-en = Outcome (English, optional)
events-session-outcome-ru = Outcome (Russian, optional)
events-session-outcome-az = Outcome (Azerbaijani, optional)
events-certificates = Certificates of participation
events-certificates-of = Certificates: { $event }
events-no-certificates = Nobody has been checked in yet: certificates are for those present.
events-certificate-heading = Certificate of participation
events-certificate-is-given-to = This certifies that
events-certificate-for = took part in
