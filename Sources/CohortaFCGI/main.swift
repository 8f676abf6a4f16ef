print("cohorta-fcgi")
