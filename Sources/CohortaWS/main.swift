print("cohorta-ws")
