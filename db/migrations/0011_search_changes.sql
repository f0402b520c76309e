-- Reserved (issue 13): search's change log. Replace this no-op.
DROP TABLE IF EXISTS livefest_reserved_0011;
