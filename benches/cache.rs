//! The offline cache with a 100k-member organization: sealing the members list
//! to disk, and opening it again (read, check, decrypt, decode).
//!
//! `cargo bench -p orgdesk --bench cache`

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use orgdesk::cache::{Cache, CacheKey};
use orgdesk::credentials::MemoryVault;
use orgdesk_api::{GroupRef, Member, MembershipStatus};
use time::OffsetDateTime;
use time::macros::datetime;
use uuid::Uuid;

const MEMBERS: usize = 100_000;
const AS_OF: OffsetDateTime = datetime!(2025-03-01 09:30:00 UTC);

fn members(count: usize) -> Vec<Member> {
    let groups = [
        GroupRef {
            id: Uuid::from_u128(1),
            name: "Admin".into(),
        },
        GroupRef {
            id: Uuid::from_u128(2),
            name: "Sales Team".into(),
        },
        GroupRef {
            id: Uuid::from_u128(3),
            name: "Support Agents".into(),
        },
    ];
    (0..count)
        .map(|i| Member {
            group_expiry: Vec::new(),
            id: Uuid::from_u128(1_000_000 + i as u128),
            name: format!("Member Number {i}"),
            email: format!("member{i}@acme.example"),
            status: if i % 10 == 0 {
                MembershipStatus::Suspended
            } else {
                MembershipStatus::Active
            },
            groups: groups[..1 + i % 3].to_vec(),
            joined_at: AS_OF - time::Duration::days(i as i64 % 900),
            last_login_at: (i % 3 != 0).then(|| AS_OF - time::Duration::hours(i as i64 % 500)),
            suspended_at: (i % 10 == 0).then_some(AS_OF),
            updated_at: AS_OF,
            managed: false,
        })
        .collect()
}

fn bench_cache(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let cache = Cache::new(dir.path(), Arc::new(MemoryVault::default()));
    let key = CacheKey::new("https://platform.example", "acme", "ada@example.com");
    let list = members(MEMBERS);
    cache
        .save(&key, "members", &list, AS_OF)
        .expect("first save");
    let file_size = std::fs::read_dir(
        dir.path()
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
    )
    .unwrap()
    .map(|entry| entry.unwrap().metadata().unwrap().len())
    .sum::<u64>();
    eprintln!(
        "cache file for {MEMBERS} members: {:.1} MiB",
        file_size as f64 / 1048576.0
    );

    let mut group = c.benchmark_group("cache_100k_members");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Bytes(file_size));
    group.bench_function("save", |b| {
        b.iter(|| {
            cache
                .save(&key, "members", black_box(&list), AS_OF)
                .expect("save")
        });
    });
    group.bench_function("load_decrypt", |b| {
        b.iter(|| {
            let cached = cache
                .load::<Vec<Member>>(&key, "members")
                .expect("load")
                .expect("cached");
            assert_eq!(cached.value.len(), MEMBERS);
            cached
        });
    });
    group.finish();
}

criterion_group!(benches, bench_cache);
criterion_main!(benches);
