# Rendered by envsubst in CI before kubectl apply: not YAML the promoter reads.
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: web-${CLUSTER}
  annotations:
    argocd-image-updater.argoproj.io/image-list: web=registry.example.test/team/web
spec:
  source:
    repoURL: https://github.com/acme/gitops.git
    path: apps/web
