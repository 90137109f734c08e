"""Form helpers shared by every app's views."""


def add_service_errors(form, error):
    """Put a service's ValidationError on the form: on the field it names, else on top.

    Services validate (they are the one place the rules live); views show the refusal on
    the form, so what the person typed stays on screen.
    """
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
