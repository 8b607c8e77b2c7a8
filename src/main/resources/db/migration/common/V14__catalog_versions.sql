-- The catalog as numbered versions (edit/CatalogVersions): each the whole catalog as it was sent (YAML, comments
-- kept), who made it, when and what changed. An empty table is seeded at start from PANTAU_CATALOG (or the built-in
-- Bontang catalog); going back is a new version with an old one's text. `origin` is where files the catalog names
-- (city.geojson) are found: the place of the file that seeded it.
CREATE TABLE catalog_version (
    version     integer PRIMARY KEY CHECK (version > 0),
    body        text NOT NULL,
    origin      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL,
    summary     text NOT NULL
);

-- Stewards manage devices, feeds, tiles and alarm rules, not users.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('viewer', 'operator', 'analyst', 'steward', 'admin'));
