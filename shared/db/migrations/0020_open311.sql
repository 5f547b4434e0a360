-- Issue 17, part 1 (Open311 GeoReport v2, docs/open311.md): where a locality is, so that a request
-- sent with lat/long finds its 属地; and where each Open311 request said it was.
-- Forward-only: never edit an applied migration; add the next number instead.

-- A locality may have a point (its centre, or its government's seat) and a boundary (a GeoJSON
-- Polygon, [long, lat] pairs, WGS 84). Plain columns: the matching (shared/open311/locality-match.ts)
-- runs over a few hundred localities in the API, so PostGIS would bring an extension for nothing.
-- Changing them bumps the reference revision like any locality change (0004's trigger).
ALTER TABLE localities
  ADD COLUMN lat double precision CHECK (lat BETWEEN -90 AND 90),
  ADD COLUMN long double precision CHECK (long BETWEEN -180 AND 180),
  ADD COLUMN boundary jsonb CHECK (boundary IS NULL OR boundary ->> 'type' = 'Polygon'),
  ADD CONSTRAINT localities_point_whole CHECK ((lat IS NULL) = (long IS NULL));

-- The location an Open311 request gave, which a case of duban's own does not have: written after
-- intake commits (api/routes/open311/post-request.ts), again by any replay of the same request, so
-- a crash between the two leaves a case without its address only until the client retries.
-- It describes where the problem is, not who reported it: reporter data stays in `reporters`.
CREATE TABLE open311_requests (
  case_id text PRIMARY KEY REFERENCES cases (id),
  address text,
  lat double precision,
  long double precision,
  -- How the case's locality was found: 'boundary', 'nearest', 'address', or 'fallback' (no match).
  located_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
