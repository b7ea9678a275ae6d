network-launch-title = Launch a network
network-launch-under = Launch a network under this one
network-launch-intro = A new network takes its place in the tree under a parent: regional networks under the global one, national networks under a regional or the global one. Its coordinator organisation becomes its first member; its first focal points may be given here, and more are added on its page once it is launched.
network-launch-top = (top of the tree: a global network)
network-launch-place = Place in the tree
network-launch-parent = Parent network
network-launch-level = Level
network-launch-state = State
network-launch-level-misfit = This level does not fit under the chosen parent: regional and national networks go under the global one, national networks under a regional one.
network-launch-slug = Web address (optional)
network-launch-slug-hint = Lowercase letters, digits and hyphens, as in "un-ngo-irene-turkey". Left empty, it is made from the English name.
network-launch-slug-taken = Another network has this address already: choose another.
network-launch-slug-invalid = Use lowercase Latin letters, digits and hyphens only.
network-launch-coordinator = Coordinator organisation (its web address in the directory)
network-launch-coordinator-hint = The last part of the organisation's address, for example "nayora" for /organizations/nayora.
network-launch-coordinator-required = Name the organisation that will coordinate the network.
network-launch-coordinator-unknown = No organisation in the directory has this address.
network-launch-candidates = Members of the parent network:
network-launch-focal-points = First focal points
network-launch-focal-points-hint = Each row gives a focal point: its theme and the organisation that leads it (its web address in the directory), which becomes a member of the network. Rows left empty are skipped.
network-launch-focal-point-row = Focal point { $number }
network-launch-focal-point-theme = Theme
network-launch-focal-point-lead = Lead organisation (its web address in the directory)
network-launch-focal-point-none = (none)
network-launch-lead-required = Name the organisation that leads this focal point.
network-launch-focal-points-too-many = At most 20 focal points at launch; add the others on the network's page.
network-launch-button = Launch the network
network-state-active = Active
network-state-planned = Planned
network-state-retired = Retired
network-state-planned-notice = This network is planned and not yet launched.
network-state-retired-notice = This network is retired: it is kept with its history but no longer shown in the tree of networks.
network-retire-button = Retire this network
network-reinstate-button = Bring this network back
network-countries-covered = Countries covered
network-countries-choose = Choose the countries
focal-point-add-title = Add a focal point
focal-point-up = Move up
focal-point-down = Move down
focal-point-retire = Retire
departure-remove-link = Remove
departure-leave-link = Leave this network
departure-remove-title = Remove { $organization } from { $network }
departure-leave-title = { $organization } leaves { $network }
departure-remove-intro = The organisation stops being a member, and leaves the network's focal points. Its editors are told by mail, with your reason. It can ask to join again later.
departure-leave-intro = Your organisation stops being a member of the network, and leaves its focal points. The network's coordinators are told by mail. You can ask to join again later.
departure-remove-reason = Reason (sent to the organisation)
departure-leave-reason = Message to the coordinators (optional)
departure-remove-button = Remove the member
departure-leave-button = Leave the network
departure-cancel = Keep the membership and go back
departure-reason-required = Give the reason: the organisation is told it.
departure-reason-too-long = Keep it under 2,000 characters.
departure-coordinator = The coordinating organisation cannot leave its network: hand coordination over to another member first.
mail-departure-remove-subject = { $organization } is no longer a member of { $network }
mail-departure-remove-body = Hello,

    the coordinators of { $network } removed { $organization } from the network, for this reason:

    { $reason }

    Your organisation's profile stays in the directory, and it can ask to join again.
mail-departure-leave-subject = { $organization } left { $network }
mail-departure-leave-body = Hello,

    { $organization } left { $network }. Their message:

    { $reason }
goals-mdg-one = MDG { $number }
goals-mdg-many = MDGs { $numbers }
goals-and = and
goals-millennium-declaration = Millennium Declaration
status-unknown = Consultative status not known
