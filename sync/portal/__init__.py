"""The reference portal: a FastAPI app over SQLAlchemy implementing protocol v1.

For demos, training and tests; a provincial integrator bridges it (or its mapping in
sync.national) to the real provincial system.
"""
