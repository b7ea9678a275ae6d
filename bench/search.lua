-- Rotates through directory searches a reader would type: scripts,
-- Azerbaijani letters, typos, prefixes, facets and paging.
local queries = {
  "/api/v1/organizations?q=Buta",
  "/api/v1/organizations?q=%D0%91%D1%83%D1%82%D0%B0",
  "/api/v1/organizations?q=Qasimov",
  "/api/v1/organizations?q=M%C9%99mm%C9%99dov",
  "/api/v1/organizations?q=Xazr",
  "/api/v1/organizations?q=Khaz",
  "/api/v1/organizations?q=Youth+Union&country=AZ",
  "/api/v1/organizations?q=%D0%A6%D0%B5%D0%BD%D1%82%D1%80+%D1%80%D0%B0%D0%B7%D0%B2%D0%B8%D1%82%D0%B8%D1%8F",
  "/api/v1/organizations?country=GE&kind=ngo",
  "/api/v1/organizations?theme=health&status=special",
  "/api/v1/organizations?sort=name&page=7",
  "/organizations?q=Ekoloji+M%C9%99rk%C9%99z&lang=az",
  "/organizations?network=un-ngo-irene-caspian&lang=ru",
  "/api/v1/organizations?q=Teskilatlari",
  "/api/v1/organizations?q=Gafgaz+Law",
  "/api/v1/organizations?q=Inam&per_page=100",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1])
end
