signin-disabled = An administrator has disabled this account. Write to the portal's administrators to have it enabled again.
