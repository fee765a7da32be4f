-- the duplicate search's index: a case's point as a cell of 0.001° latitude × 0.001° longitude (about 111 m × 85 m here),
-- numbered row by row (GeoCell), so the cells around a point are one B-tree range per row; PostGIS is not available.
alter table gl_case add column geo_cell bigint;
update gl_case set geo_cell = (cast(floor(latitude * 1000) as bigint) + 90000) * 1000000 + (cast(floor(longitude * 1000) as bigint) + 180000)
  where latitude is not null and longitude is not null;
create index gl_case_geo_cell_idx on gl_case (geo_cell, category_code, reported_at);
