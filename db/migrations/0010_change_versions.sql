-- Reserved (issue 13): the serving layer's change versions. Replace this no-op.
DROP TABLE IF EXISTS livefest_reserved_0010;
