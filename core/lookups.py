"""`field__in_array=values`: membership in a long list of values, as one parameter.

`field__in=[...]` sends one placeholder per value. For the thousand placement ids an
application manager or a team lead sees, Django preparing each value and psycopg binding
each placeholder cost more than the query itself (5.3 ms against 2.8 ms for the caseload's
voogd filter at 1,000 placements). On PostgreSQL this lookup sends the list as one array,
`field = ANY(%s)`, as psycopg's documentation recommends for long lists; elsewhere (the
embedded SQLite) it is a plain IN.

Use it for lists of ids that were just read from the database; for short or user-given
lists, `__in` is the clearer choice.
"""

from django.db.models import Field, ForeignObject, Lookup


class InArray(Lookup):
    lookup_name = "in_array"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        values = list(value)
        if connection.vendor == "postgresql":
            return "%s", [values]
        return "(" + ", ".join(["%s"] * len(values)) + ")", values

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)
        return f"{lhs} IN {rhs}", (*lhs_params, *rhs_params)


def register():
    Field.register_lookup(InArray)
    ForeignObject.register_lookup(InArray)
