//! Document extraction over the public corpus (`make bench`): the median time per document,
//! the whole corpus in one go, and the cost of running extraction in a worker process.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use intake::extract;
use intake::worker::Extractor;

/// Every good document of the corpus as (folder name, bytes), CVs then job descriptions.
fn corpus_documents() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata/corpus");
    let mut documents = Vec::new();
    for kind in ["cv", "jd"] {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join(kind))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        dirs.sort();
        for dir in dirs {
            let file = std::fs::read_dir(&dir)
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .find(|path| {
                    let name = path.file_name().unwrap().to_string_lossy();
                    name != "expected.json" && name != "ground_truth.txt"
                })
                .unwrap();
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            documents.push((name, std::fs::read(file).unwrap()));
        }
    }
    documents
}

fn extraction(c: &mut Criterion) {
    let documents = corpus_documents();
    let mut group = c.benchmark_group("extract");
    for (name, bytes) in &documents {
        group.bench_with_input(BenchmarkId::from_parameter(name), bytes, |b, bytes| {
            b.iter(|| extract(bytes).unwrap())
        });
    }
    group.finish();

    c.bench_function("whole public corpus (21 documents)", |b| {
        b.iter(|| {
            for (_, bytes) in &documents {
                extract(bytes).unwrap();
            }
        })
    });

    // The same two-page PDF CV through a worker process: what isolation costs per upload.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let worker = Extractor::new(
        PathBuf::from(env!("CARGO_BIN_EXE_extract-worker")),
        1,
        Duration::from_secs(10),
    );
    let (_, cv) = documents
        .iter()
        .find(|(name, _)| name == "cv01_pdf_libreoffice")
        .unwrap();
    c.bench_function("worker process/cv01_pdf_libreoffice", |b| {
        b.iter(|| runtime.block_on(worker.extract(cv.clone())).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = extraction
}
criterion_main!(benches);
