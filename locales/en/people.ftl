signin-disabled = An administrator has disabled this account. Write to the portal's administrators to have it enabled again.
nav-requests = Requests
nav-signup = Create an account
account-mail-language = Language of mail
account-mail-language-field = IRENE writes to you in
account-notice-language = The language of your mail is saved.
account-own-requests = Your requests
admin-accounts-title = Accounts and roles
admin-accounts-requests = Requests waiting across all networks
admin-accounts-search = Name or e-mail address
admin-accounts-count = { $count ->
    [one] { $count } account
   *[other] { $count } accounts
}
admin-accounts-roles = Roles
admin-accounts-state = State
admin-accounts-coordinates = Coordinates
admin-accounts-edits = Edits
admin-accounts-active = Active
admin-accounts-unconfirmed = Address not confirmed
admin-accounts-disabled = Disabled
admin-accounts-disable = Disable
admin-accounts-enable = Enable
requests-own-title = Your requests
requests-own-none = You have made no requests.
requests-decide-title = Requests to decide
request-status-pending = Waiting for a decision
request-status-approved = Approved
request-status-declined = Declined
