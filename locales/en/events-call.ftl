# Events: a conference's call for contributions, its proposals, the persons met and the event's history.
events-call = Call for contributions
events-call-of = Call for contributions: { $event }
events-call-opens-on = Opens
events-call-closes-on = Closes
events-call-themes = Themes
events-call-is-open = The call is open: propose a session below.
events-call-is-closed = The call is not open now.
events-call-none = There is no call for contributions for this event.
events-call-edit = Open or change the call
events-call-opens-on-field = Opens on (YYYY-MM-DD)
events-call-closes-on-field = Closes on (YYYY-MM-DD)
events-call-themes-field = Themes asked for (none: any theme)
events-call-guidance-en = Guidance for proposers (English, Markdown)
events-call-guidance-ru = Guidance for proposers (Russian, Markdown)
events-call-guidance-az = Guidance for proposers (Azerbaijani, Markdown)
events-call-closes-before-opening = The call must close on or after the day it opens.
events-proposals-review = Review the proposals
events-proposals-of = Session proposals: { $event }
events-proposals-none = No proposals yet.
events-proposals-mine = Your proposals
events-proposal-new = Propose a session
events-proposal-title = Title of the session
events-proposal-summary = Abstract
events-proposal-speakers = Speakers
events-proposal-guests = Other speakers, one name a line
events-proposal-submit = Send the proposal
events-proposal-sign-in = Sign in to propose a session
events-proposal-title-required = Give the session a title.
events-proposal-summary-required = Give an abstract.
events-proposal-theme-required = Choose one of the themes the call asks for.
events-proposal-guests-invalid = { $count ->
    [one] Give at most { $count } name, one a line, each up to 200 characters.
   *[other] Give at most { $count } names, one a line, each up to 200 characters.
}
events-proposal-reason = Reason for declining
events-proposal-reason-required = Give the reason the proposer will be sent.
events-proposal-accept = Accept into the programme
events-proposal-decline = Decline
proposal-status-submitted = waiting for review
proposal-status-accepted = accepted into the programme
proposal-status-declined = declined
events-history = History of changes
events-mail-proposal-accepted-subject = Your proposal is accepted: { $title }
events-mail-proposal-accepted-body = Your session proposal “{ $title }” for { $event } is accepted and is now in the programme:
    { $page }
events-mail-proposal-declined-subject = Your proposal is declined: { $title }
events-mail-proposal-declined-body = Your session proposal “{ $title }” for { $event } is declined, for this reason:
    { $reason }
history-action-event-update = Event edited
history-action-event-call = Call for contributions opened or changed
history-action-event-proposal-submit = Session proposed
history-action-event-proposal-accept = Proposal accepted into the programme
history-action-event-proposal-decline = Proposal declined
events-persons-met = Persons met
events-persons-met-of = Persons met: { $event }
events-persons-met-none = Nobody is recorded yet.
events-person-met-function = Function
events-person-met-add = Add the person
events-person-met-delete = Remove
events-person-met-name-required = Give the name of the person.
history-action-event-person-met-add = Person met recorded
history-action-event-person-met-remove = Person met removed
