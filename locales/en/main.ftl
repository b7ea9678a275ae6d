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
