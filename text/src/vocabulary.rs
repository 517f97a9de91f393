//! The skills, tools and methods the coach recognises by name, across the professions the
//! app is used for. Heuristics in `analysis` add names this list does not know (acronyms and
//! capitalised words in the job's requirement lines).

/// What kind of thing a term names; deep dives prefer hands-on technologies and tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Technology,
    Tool,
    Method,
    /// Not from this list: an acronym or capitalised word found in the job's requirements.
    Named,
}

#[derive(Debug)]
pub struct Term {
    pub name: &'static str,
    /// Other spellings that count as the same term.
    pub aliases: &'static [&'static str],
    /// For names that are also ordinary words ("Go", "Excel", "Spark") or single letters.
    pub exact_case: bool,
    pub category: Category,
}

const fn tech(name: &'static str) -> Term {
    Term {
        name,
        aliases: &[],
        exact_case: false,
        category: Category::Technology,
    }
}
const fn tech_exact(name: &'static str) -> Term {
    Term {
        name,
        aliases: &[],
        exact_case: true,
        category: Category::Technology,
    }
}
const fn tool(name: &'static str) -> Term {
    Term {
        name,
        aliases: &[],
        exact_case: false,
        category: Category::Tool,
    }
}
const fn tool_exact(name: &'static str) -> Term {
    Term {
        name,
        aliases: &[],
        exact_case: true,
        category: Category::Tool,
    }
}
const fn method(name: &'static str) -> Term {
    Term {
        name,
        aliases: &[],
        exact_case: false,
        category: Category::Method,
    }
}
const fn method_exact(name: &'static str) -> Term {
    Term {
        name,
        aliases: &[],
        exact_case: true,
        category: Category::Method,
    }
}
const fn also(term: Term, aliases: &'static [&'static str]) -> Term {
    Term { aliases, ..term }
}

pub static TERMS: &[Term] = &[
    // Programming languages.
    tech("Python"),
    tech("Java"),
    tech("JavaScript"),
    tech("TypeScript"),
    also(tech_exact("Go"), &["Golang"]),
    tech_exact("Rust"),
    tech("C++"),
    tech("C#"),
    tech_exact("C"),
    tech("Kotlin"),
    tech_exact("Swift"),
    tech("Scala"),
    tech_exact("Ruby"),
    tech("PHP"),
    tech_exact("R"),
    tech("SQL"),
    tech("Bash"),
    tech("MATLAB"),
    tech_exact("SAS"),
    tech("Stata"),
    // Frameworks and libraries.
    tech("React"),
    tech("Angular"),
    tech_exact("Vue"),
    also(tech("Node.js"), &["NodeJS"]),
    tech("Django"),
    tech_exact("Flask"),
    tech("FastAPI"),
    tech("Spring Boot"),
    tech(".NET"),
    tech("Ruby on Rails"),
    tech_exact("pandas"),
    tech("NumPy"),
    tech("scikit-learn"),
    tech("PyTorch"),
    tech("TensorFlow"),
    tech_exact("JAX"),
    tech("XGBoost"),
    tech("LightGBM"),
    tech("Keras"),
    also(tech_exact("Spark"), &["PySpark"]),
    tech_exact("Flink"),
    tech("Kafka"),
    tech("RabbitMQ"),
    tech("Airflow"),
    tech_exact("dbt"),
    tech("MLflow"),
    tech("Kubeflow"),
    tech("PyMC"),
    tech("Streamlit"),
    tech("Flutter"),
    tech("Firebase"),
    tech("GraphQL"),
    tech("gRPC"),
    // Data stores and platforms.
    also(tech("PostgreSQL"), &["Postgres"]),
    tech("MySQL"),
    tech("SQLite"),
    tech("MongoDB"),
    tech("Redis"),
    tech("Elasticsearch"),
    tech("ClickHouse"),
    tech_exact("Snowflake"),
    tech("Databricks"),
    tech("BigQuery"),
    tech("Cassandra"),
    tech("DynamoDB"),
    // Infrastructure and operations.
    tech("Docker"),
    also(tech("Kubernetes"), &["K8s"]),
    tech("OpenShift"),
    tech_exact("Helm"),
    tech("Terraform"),
    tech("Ansible"),
    tech("AWS"),
    tech("Azure"),
    also(tech("GCP"), &["Google Cloud"]),
    tech("Linux"),
    tool("Git"),
    tool("GitHub Actions"),
    tool("GitLab"),
    tool("Jenkins"),
    method("CI/CD"),
    tool("Argo CD"),
    tool("Prometheus"),
    tool("Grafana"),
    tool("OpenTelemetry"),
    tool("Datadog"),
    tool("SageMaker"),
    // Office, analytics, product and sales tools.
    tool_exact("Excel"),
    tool("Power BI"),
    tool("Tableau"),
    tool("Looker"),
    tool("Amplitude"),
    tool("Jira"),
    tool("Confluence"),
    tool("Figma"),
    tool("Miro"),
    tool("Productboard"),
    tool("Salesforce"),
    tool("HubSpot"),
    tool("ZoomInfo"),
    tool_exact("SAP"),
    tool_exact("Epic"),
    tool("Cerner"),
    tool("ICCA"),
    tool("Google Classroom"),
    tool("SMART Board"),
    // Engineering and data methods.
    also(method("A/B testing"), &["A/B test", "A/B tests"]),
    method("machine learning"),
    method("deep learning"),
    method("time series"),
    also(method("forecasting"), &["forecast", "forecasts"]),
    method("causal inference"),
    also(method("Bayesian methods"), &["Bayesian"]),
    method("regression"),
    method("hypothesis testing"),
    method("probabilistic programming"),
    also(
        method("data visualisation"),
        &["data visualization", "visualise", "visualize"],
    ),
    also(method("dashboards"), &["dashboard"]),
    method("ETL"),
    also(method("microservices"), &["microservice"]),
    method("distributed systems"),
    method("event-driven"),
    method("event sourcing"),
    method("domain-driven design"),
    method_exact("TDD"),
    method("code review"),
    method("observability"),
    also(method("on-call"), &["on call"]),
    method("incident management"),
    also(method("idempotency"), &["idempotent"]),
    also(method("API design"), &["APIs"]),
    method("agile"),
    method("Scrum"),
    method("Kanban"),
    also(method("OKRs"), &["OKR"]),
    method("product discovery"),
    also(method("roadmap"), &["roadmaps"]),
    also(method("experimentation"), &["experiments"]),
    method("stakeholder management"),
    also(method("mentoring"), &["mentor", "mentored", "mentors"]),
    also(method("fraud detection"), &["fraud"]),
    method("model monitoring"),
    method("MLOps"),
    method("federated learning"),
    method("statistics"),
    // Sales.
    method_exact("B2B"),
    method_exact("SaaS"),
    also(method("negotiation"), &["negotiating", "negotiated"]),
    method("key account management"),
    method_exact("CRM"),
    method_exact("MEDDICC"),
    method("lead generation"),
    method("Medizintechnik"),
    // Clinical care.
    also(method_exact("ICU"), &["intensive care"]),
    method_exact("ECMO"),
    method_exact("CRRT"),
    also(method("ventilation"), &["ventilated"]),
    method_exact("ACLS"),
    method_exact("BLS"),
    method("sepsis"),
    method("infection prevention"),
    also(method("preceptor"), &["preceptorship"]),
    method("triage"),
    method("quality improvement"),
    method("end-of-life care"),
    method("patient safety"),
    // Teaching.
    method("lesson planning"),
    method("classroom management"),
    also(method("behaviour management"), &["behavior management"]),
    method("safeguarding"),
    method_exact("SEND"),
    method_exact("EAL"),
    method("phonics"),
    method_exact("QTS"),
];
